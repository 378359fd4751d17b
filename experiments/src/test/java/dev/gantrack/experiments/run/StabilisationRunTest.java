package dev.gantrack.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantrack.experiments.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short real runs of the shipped PacGAN and spectral-norm examples through {@code gantrack run}. */
@Tag("slow")
class StabilisationRunTest {
  @TempDir Path tmp;

  static List<JsonNode> losses(Path runDir) throws Exception {
    List<JsonNode> rows = TrainingRunTest.metrics(runDir).stream().filter(r -> r.has("d_loss")).toList();
    for (JsonNode r : rows) {
      assertTrue(Double.isFinite(r.get("d_loss").asDouble()) && Double.isFinite(r.get("g_loss").asDouble()), r.toString());
    }
    return rows;
  }

  @Test
  void ringWithPack4Trains() throws Exception {
    Path run = TrainingRunTest.run(TestFiles.repo().resolve("experiments/ring-pacgan.yaml"), tmp.resolve("runs"),
        "training.steps=60", "training.log-every=20", "generator.hidden=64", "discriminator.hidden=64",
        "metrics.0.samples=500", "trackers=[{type: local}]");
    assertEquals("FINISHED", Files.readString(run.resolve("status")).strip());
    assertTrue(Files.readString(run.resolve("experiment.yaml")).contains("pack: 4"));
    List<JsonNode> rows = losses(run);
    assertEquals(3, rows.size());
    assertNotEquals(rows.get(0).get("d_loss").asDouble(), rows.get(2).get("d_loss").asDouble(), "D's loss moves");
    assertTrue(Files.exists(run.resolve("samples/step-000060.csv")), "mode coverage scored the packed run");
  }

  @Test
  void mnistDcganWithSpectralNormAndEmaTrainsAndCheckpointsU() throws Exception {
    Path run = TrainingRunTest.run(TestFiles.repo().resolve("experiments/mnist-dcgan-sn.yaml"), tmp.resolve("runs"),
        "training.steps=10", "training.log-every=5", "trackers=[{type: local}]");
    assertEquals("FINISHED", Files.readString(run.resolve("status")).strip());
    assertEquals(2, losses(run).size());
    String manifest = Files.readString(run.resolve("checkpoints/step-000010/manifest.json"));
    assertTrue(manifest.contains("\"spectral-norm.discriminator."), "D's u and v are checkpointed: " + manifest);
    assertTrue(manifest.contains("\"generator-ema\""), "the EMA copy is checkpointed: " + manifest);
    assertTrue(Files.exists(run.resolve("checkpoints/G-ema-final.params")), "and exported with the final weights");
    assertTrue(Files.exists(run.resolve("samples/step-000010.png")));
  }
}
