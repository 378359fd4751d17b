package dev.gantrack.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.cli.Gantrack;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short real training runs through {@code gantrack run}: artifacts, finite changing losses, CPU reproducibility. */
@Tag("slow")
class TrainingRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** Runs {@code gantrack run file --set ... --runs runs} and returns the single run folder. */
  static Path run(Path file, Path runs, String... sets) throws IOException {
    List<String> args = new ArrayList<>(List.of("run", file.toString(), "--runs", runs.toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    assertEquals(0, code, "stdout:\n" + out + "\nstderr:\n" + err);
    try (Stream<Path> s = Files.walk(runs, 2)) {
      List<Path> dirs = s.filter(p -> Files.exists(p.resolve("metrics.jsonl"))).toList();
      assertEquals(1, dirs.size(), dirs.toString());
      return dirs.get(0);
    }
  }

  static List<JsonNode> metrics(Path runDir) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }

  /** The d_loss/g_loss sequence as raw float bits, for bit-exact comparison. */
  static List<Long> lossBits(Path runDir) throws IOException {
    List<Long> bits = new ArrayList<>();
    for (JsonNode row : metrics(runDir)) {
      if (row.has("d_loss")) {
        bits.add(row.get("step").asLong());
        bits.add(Double.doubleToRawLongBits(row.get("d_loss").asDouble()));
        bits.add(Double.doubleToRawLongBits(row.get("g_loss").asDouble()));
      }
    }
    return bits;
  }

  @Test
  void shortMnistDcganRunWritesEveryArtifact() throws IOException {
    Path runDir = run(TestFiles.repo().resolve("experiments/mnist-dcgan.yaml"), tmp.resolve("runs"), "device=cpu",
        "training.steps=60", "training.batch-size=16", "training.log-every=10", "training.sample-every=30",
        "training.sample-grid=4");
    assertEquals("mnist-dcgan", runDir.getParent().getFileName().toString());

    List<JsonNode> rows = metrics(runDir).stream().filter(r -> r.has("d_loss")).toList();
    assertTrue(rows.size() >= 5, "logged every 10 of 60 steps: " + rows);
    List<Double> d = new ArrayList<>();
    List<Double> g = new ArrayList<>();
    for (JsonNode r : rows) {
      double dl = r.get("d_loss").asDouble();
      double gl = r.get("g_loss").asDouble();
      assertTrue(Double.isFinite(dl) && Double.isFinite(gl), r.toString());
      d.add(dl);
      g.add(gl);
    }
    assertTrue(d.stream().distinct().count() > 1, "d_loss must change: " + d);
    assertTrue(g.stream().distinct().count() > 1, "g_loss must change: " + g);

    List<Path> samples;
    try (Stream<Path> s = Files.list(runDir.resolve("samples"))) {
      samples = s.filter(p -> p.getFileName().toString().matches("step-\\d+\\.png")).sorted().toList();
    }
    assertFalse(samples.isEmpty(), "samples/step-*.png");
    for (Path png : samples) {
      BufferedImage img = ImageIO.read(png.toFile());
      assertNotNull(img, png + " must decode");
      assertTrue(img.getWidth() >= 4 * 28 && img.getHeight() >= 4 * 28, png + " " + img.getWidth() + "x" + img.getHeight());
    }
    Path g0 = runDir.resolve("checkpoints/G-final.params");
    assertTrue(Files.size(g0) > 0, g0.toString());
    assertTrue(Files.size(runDir.resolve("checkpoints/D-final.params")) > 0);

    String yaml = Files.readString(runDir.resolve("experiment.yaml"));
    assertTrue(yaml.contains("steps: 60"), yaml);
    assertTrue(yaml.contains("type: dcgan"), yaml);
    JsonNode provenance = JSON.readTree(runDir.resolve("provenance.json").toFile());
    assertEquals("42", provenance.at("/provenance/gantrack.seed").asText(), provenance.toString());
    assertEquals(60, provenance.at("/experiment/training/steps").asInt());
    assertTrue(provenance.at("/provenance/gantrack.config_hash").asText().matches("[0-9a-f]{64}"));
    assertEquals("FINISHED", Files.readString(runDir.resolve("status")).strip());
  }

  @Test
  void sameSeedIsBitIdenticalOnCpuAndAnotherSeedDiffers() throws IOException {
    Path file = TestFiles.repo().resolve("experiments/mnist-dcgan.yaml");
    String[] sets = {"device=cpu", "training.steps=30", "training.batch-size=16", "training.log-every=5",
        "training.sample-every=0", "training.sample-grid=2", "generator.base-channels=32"};
    List<Long> a = lossBits(run(file, tmp.resolve("a"), sets));
    List<Long> b = lossBits(run(file, tmp.resolve("b"), sets));
    String[] other = java.util.Arrays.copyOf(sets, sets.length + 1);
    other[sets.length] = "seed=43";
    List<Long> c = lossBits(run(file, tmp.resolve("c"), other));
    assertTrue(a.size() >= 18, a.toString());
    assertEquals(a, b, "same seed, same CPU: bit-identical losses");
    assertEquals(a.size(), c.size());
    assertNotEquals(a, c, "another seed gives other losses");
  }
}
