package dev.gantrack.experiments.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.experiments.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad command lines of eval, sample and train-classifier: one line naming what is wrong, exit 2, nothing written. */
class EvalCommandLineTest {
  @TempDir Path tmp;

  /** A run folder with a resolved tiny ring experiment and provenance, but nothing trained. */
  private Path fakeRun() throws java.io.IOException {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(run.resolve("experiment.yaml"), TestFiles.TINY_RING);
    Files.writeString(run.resolve("provenance.json"), "{}");
    return run;
  }

  private static void assertOneLine(Cli.Result r, String... fragments) {
    assertEquals(2, r.code(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), r.toString());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "'" + f + "' in " + r);
    }
  }

  @Test
  void aFolderThatIsNotARunIsRefused() {
    assertOneLine(Cli.run("eval", tmp.toString()), "not a run folder");
    assertOneLine(Cli.run("sample", tmp.toString(), "--out", tmp.resolve("g.png").toString()), "not a run folder");
  }

  @Test
  void anUnknownMetricOrExtractorIsRefusedWithTheKnownOnes() throws Exception {
    Path run = fakeRun();
    assertOneLine(Cli.run("eval", run.toString(), "--metric", "fdi"), "--metric: unknown metric type 'fdi'", "fid");
    assertOneLine(Cli.run("eval", run.toString(), "--extractor", "inception"), "--extractor: unknown feature-extractor",
        "mnist-classifier", "torchscript");
    assertOneLine(Cli.run("eval", run.toString(), "--samples", "0"), "--samples");
    assertOneLine(Cli.run("eval", run.toString(), "--samples", "many"), "--samples");
    assertEquals(false, Files.exists(run.resolve("eval.json")));
  }

  @Test
  void sampleRefusesABadCountAndAMissingOutputFolder() throws Exception {
    Path run = fakeRun();
    assertOneLine(Cli.run("sample", run.toString(), "--n", "0", "--out", tmp.resolve("g.png").toString()), "--n");
    assertOneLine(Cli.run("sample", run.toString(), "--out", tmp.resolve("no/such/g.png").toString()), "--out", "does not exist");
    assertOneLine(Cli.run("sample", run.toString()), "--out");
  }

  @Test
  void aCheckpointTheRunDoesNotHaveIsRefusedNamingTheOnesItHas() throws Exception {
    Path run = fakeRun();
    assertOneLine(Cli.run("sample", run.toString(), "--out", tmp.resolve("g.png").toString()), "has no checkpoint");
    Files.createDirectories(run.resolve("checkpoints/step-000005"));
    assertOneLine(Cli.run("eval", run.toString(), "--checkpoint", "step-000009"), "--checkpoint step-000009",
        "no such checkpoint; the run has step-000005");
  }

  @Test
  void trainClassifierRefusesBadOptions() {
    Path mnist = TestFiles.repo().resolve("experiments/data/mnist");
    String images = mnist.resolve("mnist-10k-images-idx3-ubyte.gz").toString();
    String labels = mnist.resolve("mnist-10k-labels-idx1-ubyte.gz").toString();
    String out = tmp.resolve("w.params").toString();
    assertOneLine(Cli.run("train-classifier", "--images", images, "--labels", labels, "--epochs", "0", "--out", out), "--epochs");
    assertOneLine(Cli.run("train-classifier", "--images", images, "--labels", labels, "--holdout", "10000", "--out", out),
        "--holdout");
    assertOneLine(Cli.run("train-classifier", "--images", labels, "--labels", labels, "--out", out), "--images");
    assertOneLine(Cli.run("train-classifier", "--images", tmp.resolve("none.gz").toString(), "--out",
        tmp.resolve("w.params").toString()), "--images");
    assertEquals(false, Files.exists(tmp.resolve("w.params")));
  }
}
