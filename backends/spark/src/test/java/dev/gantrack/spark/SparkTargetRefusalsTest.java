package dev.gantrack.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.experiments.cli.Gantrack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cannot work on Spark is one line and exit 2 before Spark or any trial starts. */
class SparkTargetRefusalsTest {
  @TempDir Path dir;

  private static String[] run(int expected, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(expected, code, out + "\n" + err);
    return new String[] {out.toString(), err.toString()};
  }

  private Path ring(String trackers) throws Exception {
    return Files.writeString(dir.resolve("ring.yaml"), """
        name: ring
        seed: 3
        dataset: {type: ring}
        generator: {type: mlp, latent-dim: 8, hidden: 16, layers: 1, output: linear}
        discriminator: {type: mlp, hidden: 16, layers: 1}
        training: {steps: 10, batch-size: 8}
        """ + trackers);
  }

  @Test
  void gpusInLocalModeAreRefusedWithTheReason() throws Exception {
    String err = run(2, "sweep", ring("").toString(), "--grid", "loss.type=hinge,lsgan", "--on", "local[2]",
        "--gpus-per-trial", "1", "--runs", dir.resolve("runs").toString())[1];
    assertEquals(1, err.strip().lines().count(), err);
    assertTrue(err.startsWith("error: --gpus-per-trial: Spark's local mode (local[2]) cannot schedule GPUs"), err);
    assertTrue(!Files.exists(dir.resolve("runs")), "nothing written");
  }

  @Test
  void aFileTrackingUriIsRefusedBeforeAnyTrial() throws Exception {
    Path f = ring("trackers: [{type: mlflow, tracking-uri: 'file:///tmp/mlruns'}]\n");
    String err = run(2, "sweep", f.toString(), "--grid", "loss.type=hinge,lsgan", "--on", "spark://127.0.0.1:7077",
        "--runs", dir.resolve("runs").toString())[1];
    assertTrue(err.startsWith("error: " + f + ": trackers.0: tracking-uri: 'file:///tmp/mlruns' is not supported"), err);
  }

  @Test
  void anUnknownPlaceIsRefused() throws Exception {
    String err = run(2, "sweep", ring("").toString(), "--grid", "loss.type=hinge,lsgan", "--on", "yarn",
        "--runs", dir.resolve("runs").toString())[1];
    assertTrue(err.startsWith("error: --on yarn: not a place trials can run; allowed: here, local[N], spark://HOST:PORT"), err);
  }
}
