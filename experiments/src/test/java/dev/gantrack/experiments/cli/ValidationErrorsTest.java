package dev.gantrack.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.experiments.TestFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every invalid experiment exits 2 through {@code gantrack validate} / {@code run} with one line naming the
 * file, the field and what is allowed; hostile files fail fast and never create a run folder.
 */
class ValidationErrorsTest {

  @TempDir Path dir;

  record Outcome(int code, String out, String err, long millis) {
    String line() {
      return err.strip();
    }
  }

  static Outcome gantrack(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long t0 = System.nanoTime();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString(), (System.nanoTime() - t0) / 1_000_000);
  }

  @BeforeAll
  static void warmUp(@TempDir Path tmp) throws IOException {
    // class loading and plugin discovery happen once; hostile files are then timed on their own
    Path f = tmp.resolve("ok.yaml");
    Files.writeString(f, TestFiles.TINY_RING);
    Outcome o = gantrack("validate", f.toString());
    assertEquals(0, o.code(), o.err());
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /** Exit 2, one line "error: file: field: problem", containing every fragment, and no stack trace. */
  private static Outcome assertRejected(Path file, String field, Outcome o, String... fragments) {
    assertEquals(2, o.code(), o.err());
    String line = o.line();
    assertEquals(1, line.lines().count(), "one line expected:\n" + o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace without --debug:\n" + o.err());
    assertFalse(o.err().contains("Exception"), "no exception class names without --debug:\n" + o.err());
    assertTrue(line.startsWith("error: " + file + ": "), "names the file:\n" + line);
    if (field != null) {
      assertTrue(line.startsWith("error: " + file + ": " + field + ": "), "names the field " + field + ":\n" + line);
    }
    for (String f : fragments) {
      assertTrue(line.contains(f), "'" + f + "' expected in:\n" + line);
    }
    return o;
  }

  private Outcome validate(Path file, String... sets) {
    List<String> args = new ArrayList<>(List.of("validate", file.toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    return gantrack(args.toArray(String[]::new));
  }

  @Test
  void validRingFilePasses() throws IOException {
    Path f = write("ring.yaml", TestFiles.TINY_RING);
    Outcome o = validate(f);
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains(": ok (ring"), o.out());
  }

  @Test
  void unknownTypeListsKnownTypesAndSuggestsTheNearest() throws IOException {
    Path f = write("t.yaml", TestFiles.TINY_RING + "loss: {type: minmax}\n");
    assertRejected(f, "loss.type", validate(f), "unknown loss type 'minmax'", "known: ", "minimax", "non-saturating",
        "lsgan", "hinge", "wgan", "wgan-gp", "did you mean 'minimax'?");
  }

  @Test
  void shippedBrokenExampleFailsOnItsLossType() {
    Path f = TestFiles.repo().resolve("experiments/broken.yaml");
    assertTrue(Files.isRegularFile(f), f.toString());
    assertRejected(f, "loss.type", validate(f), "unknown loss type 'lsgan2'", "known: ", "minimax", "non-saturating",
        "lsgan", "hinge", "wgan", "wgan-gp", "did you mean 'lsgan'?");
  }

  @Test
  void unknownFieldListsAllowedFieldsAndSuggests() throws IOException {
    Path f = write("f.yaml", TestFiles.TINY_RING.replace("hidden: 16, layers: 1, output", "hiden: 16, layers: 1, output"));
    assertRejected(f, "generator.hiden", validate(f), "unknown field; allowed: ", "latent-dim", "did you mean 'hidden'?");
  }

  @Test
  void textWhereANumberBelongsSaysWhatIsExpected() throws IOException {
    Path f = write("n.yaml", TestFiles.TINY_RING.replace("steps: 10", "steps: ten"));
    assertRejected(f, "training.steps", validate(f), "expected a whole number");
  }

  @Test
  void outOfRangeValueStatesTheAllowedRange() throws IOException {
    Path f = write("r.yaml", TestFiles.TINY_RING.replace("batch-size: 8", "batch-size: 0"));
    assertRejected(f, "training.batch-size", validate(f), "0 is out of range; allowed 1 to 65536");
  }

  @Test
  void missingDatasetFileIsNamed() throws IOException {
    Path f = write("m.yaml", TestFiles.TINY_RING.replace("{type: ring}", "{type: idx, images: no-such-images.gz}"));
    assertRejected(f, "dataset", validate(f), "file not found", "no-such-images.gz");
  }

  @Test
  void generatorShapeMustMatchTheData() {
    Path f = TestFiles.repo().resolve("experiments/mnist-dcgan.yaml");
    assertRejected(f, "generator", validate(f, "generator.upsamples=3"), "28");
  }

  @Test
  void conditionalGeneratorNeedsLabelledData() throws IOException {
    Path f = write("c.yaml", TestFiles.TINY_RING.replace("output: linear", "output: linear, conditional: true"));
    assertRejected(f, "generator.conditional", validate(f), "needs a labelled dataset");
  }

  @Test
  void healthRuleOptionsAreNamedByTheirPlaceInTheList() throws IOException {
    Path f = write("h.yaml", TestFiles.TINY_RING + """
        health:
          - {type: d-lost}
          - {type: balance, tolerance: 20}
        """);
    assertRejected(f, "health.1.tolerance", validate(f), "20.0 is out of range; allowed 0.01 to 10");
    assertRejected(f, "health.0.on-failure", validate(f, "health.0.on-failure=halt"), "'halt' is not allowed; allowed: warn, stop");
    assertRejected(f, "health.0.metric", validate(f, "health=[{type: collapse}]"), "required");
    assertRejected(f, "health.0.type", validate(f, "health=[{type: d-lose}]"), "unknown health-rule type 'd-lose'",
        "did you mean 'd-lost'?");
    assertRejected(f, "health.0.patiense", validate(f, "health=[{type: d-lost, patiense: 2}]"),
        "did you mean 'patience'?");
    Path runs = dir.resolve("runs");
    assertRejected(f, "health.1.tolerance", gantrack("run", f.toString(), "--runs", runs.toString()), "out of range");
    assertFalse(Files.exists(runs), "no runs folder may be created");
  }

  @Test
  void debugShowsTheStackTrace() throws IOException {
    Path f = write("d.yaml", TestFiles.TINY_RING + "loss: {type: minmax}\n");
    Outcome o = gantrack("validate", f.toString(), "--debug");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("\tat "), o.err());
  }

  // ---- hostile files: exit 2 within a second, no run folder ----

  private void assertHostile(Path file, String... fragments) {
    assertHostile(file, file, fragments);
  }

  private void assertHostile(Path file, Path reported, String... fragments) {
    Path runs = dir.resolve("runs");
    Outcome o = gantrack("run", file.toString(), "--runs", runs.toString());
    assertRejected(reported, null, o, fragments);
    assertTrue(o.millis() < 1000, "took " + o.millis() + " ms");
    assertFalse(Files.exists(runs), "no runs folder may be created");
    Outcome v = gantrack("validate", file.toString());
    assertEquals(2, v.code(), v.err());
  }

  @Test
  void billionLaughsAliasBomb() throws IOException {
    StringBuilder sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'i'; c++) {
      sb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        sb.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      sb.append("]\n");
      prev = c;
    }
    assertHostile(write("bomb.yaml", sb.toString()));
  }

  @Test
  void nestingThousandDeep() throws IOException {
    assertHostile(write("deep.yaml", "name: x\ndataset: " + "[".repeat(1000) + "]".repeat(1000) + "\n"));
    StringBuilder maps = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      maps.append("  ".repeat(i)).append("k:\n");
    }
    assertHostile(write("deepmap.yaml", maps.toString()));
  }

  @Test
  void fourHundredDigitNumber() throws IOException {
    assertHostile(write("big.yaml", TestFiles.TINY_RING.replace("seed: 3", "seed: " + "9".repeat(400))), "seed", "too long");
  }

  @Test
  void binaryJunk() throws IOException {
    byte[] junk = new byte[4096];
    new Random(1).nextBytes(junk);
    junk[10] = 0;
    junk[100] = 0;
    Path f = dir.resolve("junk.yaml");
    Files.write(f, junk);
    assertHostile(f);
    // valid UTF-8 with NULs in it
    Path nul = dir.resolve("nul.yaml");
    Files.write(nul, ("name: x\u0000\u0000\nseed: 1\n").getBytes(StandardCharsets.UTF_8));
    assertHostile(nul, "NUL");
  }

  @Test
  void extendsCycle() throws IOException {
    Path b = write("b.yaml", "extends: a.yaml\n");
    Path a = write("a.yaml", "extends: b.yaml\n" + TestFiles.TINY_RING);
    // reported on the file whose extends closes the cycle
    assertHostile(a, b.toRealPath(), "extends: cycle: a.yaml -> b.yaml -> a.yaml");
  }

  @Test
  void javaTag() throws IOException {
    assertHostile(write("tag.yaml", TestFiles.TINY_RING + "loss: !!java.lang.Runtime {}\n"), "line 7", "tag");
    assertHostile(write("tag2.yaml", TestFiles.TINY_RING + "penalty: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]\n"), "tag");
  }

  @Test
  void atClassKey() throws IOException {
    assertHostile(write("at.yaml", TestFiles.TINY_RING + "loss: {\"@class\": java.lang.Runtime}\n"), "loss.@class", "'@'-keys");
  }

  @Test
  void classNameAsType() throws IOException {
    assertHostile(write("cls.yaml", TestFiles.TINY_RING + "loss: {type: java.lang.Runtime}\n"), "loss.type", "Java class name");
  }
}
