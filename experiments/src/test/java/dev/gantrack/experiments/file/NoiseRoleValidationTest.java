package dev.gantrack.experiments.file;

import dev.gantrack.djl.builtins.noise.GaussianInstanceNoise;
import dev.gantrack.djl.builtins.smoothing.NoisyLabelSmoothing;
import dev.gantrack.djl.builtins.smoothing.OneSidedLabelSmoothing;
import dev.gantrack.djl.builtins.smoothing.SwappedLabelSmoothing;
import dev.gantrack.djl.builtins.noise.TruncatedNormalLatent;
import dev.gantrack.djl.builtins.smoothing.TwoSidedLabelSmoothing;
import dev.gantrack.djl.builtins.noise.UniformLatent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.Experiment;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.cli.Gantrack;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Noise types only fill the section they fit: instance noise as {@code latent:} or a latent
 * distribution as {@code instance-noise:} exits 2 with one line naming the file and the field; the
 * label-smoothing and noise types bind from experiment files, and the shipped stabilised example validates.
 */
class NoiseRoleValidationTest {

  private static ExperimentLoader loader;

  @TempDir Path dir;

  @BeforeAll
  static void registry() {
    loader = new ExperimentLoader(PluginRegistry.discover(null));
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /** Runs {@code gantrack validate file}: exit 2 and one line "error: file: field: ..." with every fragment. */
  private static void assertRejected(Path file, String field, String... fragments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), "validate", file.toString());
    String line = err.toString().strip();
    assertEquals(Gantrack.BAD_INPUT, code, line);
    assertEquals(1, line.lines().count(), "one line expected:\n" + line);
    assertFalse(line.contains("Exception"), line);
    assertTrue(line.startsWith("error: " + file + ": " + field + ": "), "names the field " + field + ":\n" + line);
    for (String f : fragments) {
      assertTrue(line.contains(f), "'" + f + "' expected in:\n" + line);
    }
  }

  @Test
  void instanceNoiseAsTheLatentDistributionIsRejectedNamingTheField() throws IOException {
    Path f = write("l.yaml", TestFiles.TINY_RING + "latent: {type: instance, sigma: 0.2}\n");
    assertRejected(f, "latent", "'instance' is instance noise", "latent types: ", "normal", "uniform", "truncated-normal");
    ExperimentException e = assertThrows(ExperimentException.class, () -> loader.load(f, List.of()));
    assertEquals("latent", e.field());
  }

  @Test
  void aLatentDistributionAsInstanceNoiseIsRejectedNamingTheField() throws IOException {
    Path f = write("i.yaml", TestFiles.TINY_RING + "instance-noise: {type: uniform}\n");
    assertRejected(f, "instance-noise", "'uniform' is a latent distribution", "instance-noise types: instance");
    Path g = write("g.yaml", TestFiles.TINY_RING + "instance-noise: {type: normal, std: 0.1}\n");
    assertRejected(g, "instance-noise", "'normal' is a latent distribution");
  }

  @Test
  void wrongRoleIsAlsoCaughtWhenSetFromTheCommandLine() throws IOException {
    Path f = write("s.yaml", TestFiles.TINY_RING);
    ExperimentException e = assertThrows(ExperimentException.class,
        () -> loader.load(f, List.of("instance-noise.type=truncated-normal")));
    assertEquals("instance-noise", e.field());
  }

  @Test
  void badOptionsOfAWellPlacedNoiseTypeAreStillReportedOnTheOption() throws IOException {
    Path f = write("o.yaml", TestFiles.TINY_RING + "instance-noise: {type: instance, anneal: cosine}\n");
    assertRejected(f, "instance-noise.anneal", "'cosine' is not allowed; allowed: linear, exponential");
  }

  @Test
  void smoothingAndNoiseTypesBindFromAFile() throws Exception {
    Path f = write("ok.yaml", TestFiles.TINY_RING + """
        label-smoothing: {type: noisy, p: 0.1, real: 0.9}
        latent: {type: truncated-normal, threshold: 1.5}
        instance-noise: {type: instance, sigma: 0.3, anneal: exponential, anneal-steps: 50, rate: 4}
        """);
    Experiment e = loader.load(f, List.of()).experiment();
    NoisyLabelSmoothing noisy = assertInstanceOf(NoisyLabelSmoothing.class, e.labelSmoothing());
    assertEquals(0.1, noisy.p());
    assertEquals(0.9, noisy.real());
    assertEquals(0.0, noisy.fake());
    assertEquals(1.5, assertInstanceOf(TruncatedNormalLatent.class, e.latent()).threshold());
    GaussianInstanceNoise in = assertInstanceOf(GaussianInstanceNoise.class, e.instanceNoise());
    assertEquals(List.of(0.3, "exponential", 50, 4.0), List.of(in.sigma(), in.anneal(), in.annealSteps(), in.rate()));
    Experiment u = loader.load(f, List.of("latent.type=uniform", "label-smoothing.type=swap")).experiment();
    assertInstanceOf(UniformLatent.class, u.latent());
    assertInstanceOf(SwappedLabelSmoothing.class, u.labelSmoothing());
    assertInstanceOf(TwoSidedLabelSmoothing.class,
        loader.load(f, List.of("label-smoothing={type: two-sided}")).experiment().labelSmoothing());
  }

  @Test
  void shippedStabilisedExampleValidatesWithOneSidedSmoothingAndAnnealedInstanceNoise() throws Exception {
    String repo = System.getProperty("gantrack.repo");
    Path f = (repo != null ? Path.of(repo) : Path.of("").toAbsolutePath().getParent())
        .resolve("experiments/mnist-dcgan-stabilised.yaml");
    Experiment e = loader.load(f, List.of()).experiment();
    assertEquals(0.9, assertInstanceOf(OneSidedLabelSmoothing.class, e.labelSmoothing()).real());
    GaussianInstanceNoise in = assertInstanceOf(GaussianInstanceNoise.class, e.instanceNoise());
    assertEquals(0.1, in.sigma());
    assertEquals("linear", in.anneal());
    assertNull(in.annealSteps());
  }
}
