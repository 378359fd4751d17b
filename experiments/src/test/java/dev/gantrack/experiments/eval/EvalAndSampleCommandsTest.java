package dev.gantrack.experiments.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantrack eval} and {@code gantrack sample} on finished runs trained here (a small MNIST DCGAN
 * with an EMA copy of G and no metrics, and a ring MLP): the values and their provenance in eval.json, a named checkpoint,
 * the sample grid scored by the classifier, PNG grids and CSV rows that the seed decides.
 */
@Tag("slow")
class EvalAndSampleCommandsTest {
  @TempDir static Path tmp;
  static Path mnistRun;
  static Path ringRun;

  @BeforeAll
  static void train() throws Exception {
    Path file = Cli.mnistExperiment(tmp.resolve("files"), "digits", 20, "trackers: [{type: local}]\n");
    Cli.Result r = Cli.run("run", file.toString(), "--runs", tmp.resolve("runs").toString());
    assertEquals(0, r.code(), r.toString());
    mnistRun = Cli.runFolder(tmp.resolve("runs/digits"));
    Path ring = Files.writeString(tmp.resolve("files/ring.yaml"), dev.gantrack.experiments.TestFiles.TINY_RING);
    r = Cli.run("run", ring.toString(), "--runs", tmp.resolve("runs").toString());
    assertEquals(0, r.code(), r.toString());
    ringRun = Cli.runFolder(tmp.resolve("runs/ring"));
  }

  @Test
  void evalWritesTheValuesAndTheirProvenanceToEvalJsonAndKeepsEarlierEvaluations() throws Exception {
    Cli.Result r = Cli.run("eval", mnistRun.toString(), "--metric", "fid", "--metric", "class-coverage", "--samples", "300");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("fid") && r.out().contains("classes_seen"), r.out());
    r = Cli.run("eval", mnistRun.toString(), "--metric", "is", "--checkpoint", "step-000010", "--samples", "200");
    assertEquals(0, r.code(), r.toString());
    JsonNode evaluations = new ObjectMapper().readTree(mnistRun.resolve("eval.json").toFile()).path("evaluations");
    assertEquals(2, evaluations.size(), evaluations.toString());
    JsonNode first = evaluations.get(0);
    assertEquals("step-000020", first.path("checkpoint").asText(), "the newest checkpoint, the last step's");
    assertEquals("G's EMA copy", first.path("generator").asText(), "the EMA copy when the run has one");
    assertEquals(20, first.path("step").asLong());
    assertTrue(first.path("values").path("fid").asDouble() > 0, first.toString());
    assertTrue(first.path("values").has("recognised_pct"), first.toString());
    assertEquals("300", first.path("provenance").path("gantrack.metrics.0.samples").asText());
    assertEquals("mnist-classifier", first.path("provenance").path("gantrack.feature-extractor.name").asText());
    assertTrue(first.path("provenance").path("gantrack.feature-extractor.sha256").asText().matches("[0-9a-f]{64}"));
    JsonNode second = evaluations.get(1);
    assertEquals(10, second.path("step").asLong());
    double is = second.path("values").path("is").asDouble();
    assertTrue(is >= 1 && is <= 10, second.toString());
  }

  @Test
  void evalGridScoresTheSamplesOfTheRunsLastPicture() throws Exception {
    Cli.Result r = Cli.run("eval", mnistRun.toString(), "--metric", "class-coverage", "--grid");
    assertEquals(0, r.code(), r.toString());
    JsonNode evaluations = new ObjectMapper().readTree(mnistRun.resolve("eval.json").toFile()).path("evaluations");
    JsonNode last = evaluations.get(evaluations.size() - 1);
    assertEquals("sample grid", last.path("samples_from").asText());
    assertTrue(r.out().contains("sample grid"), r.out());
    // 16 grid samples: at most 16 classes seen, each recognised or not
    double seen = last.path("values").path("classes_seen").asDouble();
    assertTrue(seen >= 1 && seen <= 10, last.toString());
  }

  @Test
  void sampleDrawsAPngGridThatTheSeedDecides() throws Exception {
    Path a = tmp.resolve("a.png");
    Path b = tmp.resolve("b.png");
    Path c = tmp.resolve("c.png");
    assertEquals(0, Cli.run("sample", mnistRun.toString(), "--n", "16", "--out", a.toString(), "--seed", "1").code());
    assertEquals(0, Cli.run("sample", mnistRun.toString(), "--n", "16", "--out", b.toString(), "--seed", "1").code());
    assertEquals(0, Cli.run("sample", mnistRun.toString(), "--n", "16", "--out", c.toString(), "--seed", "2").code());
    BufferedImage img = ImageIO.read(a.toFile());
    assertEquals(4 * (28 + 2) + 2, img.getWidth(), "4 columns of 28 pixels with 2-pixel borders");
    assertEquals(img.getWidth(), img.getHeight());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "the same seed, the same samples");
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)), "another seed, other samples");
  }

  @Test
  void sampleWritesCsvRowsForTwoDimensionalData() throws Exception {
    Path csv = tmp.resolve("ring.csv");
    Cli.Result r = Cli.run("sample", ringRun.toString(), "--n", "100", "--csv", "--out", csv.toString());
    assertEquals(0, r.code(), r.toString());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("x,y", lines.get(0));
    assertEquals(101, lines.size());
    for (String line : lines.subList(1, lines.size())) {
      String[] xy = line.split(",");
      assertEquals(2, xy.length, line);
      assertTrue(Double.isFinite(Double.parseDouble(xy[0])) && Double.isFinite(Double.parseDouble(xy[1])), line);
    }
    Path png = tmp.resolve("ring.png");
    assertEquals(0, Cli.run("sample", ringRun.toString(), "--n", "200", "--out", png.toString()).code());
    assertEquals(512, ImageIO.read(png.toFile()).getWidth(), "a scatter plot");
  }

  @Test
  void evalOnTwoDimensionalDataDefaultsToModeCoverage() throws Exception {
    Cli.Result r = Cli.run("eval", ringRun.toString(), "--samples", "500");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("modes_captured"), r.out());
  }
}
