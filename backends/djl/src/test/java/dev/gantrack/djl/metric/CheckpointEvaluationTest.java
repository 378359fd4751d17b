package dev.gantrack.djl.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.inject.Guice;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.run.Evaluation;
import dev.gantrack.api.run.RunModule;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.djl.DjlBackend;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.checkpoint.Checkpoints;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.sample.Sampler;
import dev.gantrack.djl.train.RingPoints;
import dev.gantrack.djl.train.TestRun;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished run restored for {@code gantrack eval} / {@code sample}: its sample grid is the training
 * run's (the same fixed latents, G's final weights, the EMA copy), so {@code eval --grid} scores the
 * run's own picture; fresh samples are decided by the seed.
 */
class CheckpointEvaluationTest {
  @TempDir Path tmp;

  private static Experiment experiment() {
    return new Experiment("restore", null, "djl", "cpu", 9L, new RingPoints(),
        new MlpGenerator(4, 16, 2, null, null, null, "linear", null), new MlpDiscriminator(16, 2, null, null, null, null),
        new NonSaturatingLoss(), null, new NoLabelSmoothing(), new NormalLatent(null), null,
        new SeparateOptimizers(null, null, 1), null, new TrainingSpec(30, 16, 10, 0, 3, 0, 0, 0.9), List.of(), List.of(), List.of());
  }

  @Test
  void theRestoredSampleGridIsTheTrainingRunsAndSamplesFollowTheSeed() throws Exception {
    Experiment e = experiment();
    float[] trained;
    try (TestRun run = TestRun.of(e, new RingPoints(), tmp, new Tracker() {})) {
      run.trainer().run();
      trained = run.sampler().fixedSamples();
    }
    var injector = Guice.createInjector(new RunModule(e, new RingPoints(), TestRun.context(tmp, new Tracker() {})),
        new DjlBackend().runModule());
    try (Evaluation evaluation = injector.getInstance(Evaluation.class)) {
      assertEquals(30, evaluation.restore(Checkpoints.list(tmp).get(0).path()), "the newest checkpoint: the last step's");
      assertEquals("G's EMA copy", evaluation.generator());
      assertArrayEquals(trained, injector.getInstance(Sampler.class).fixedSamples(), "the grid's latents and G's weights");
      float[] a = evaluation.sample(20, 1);
      assertArrayEquals(a, evaluation.sample(20, 1));
      assertFalse(Arrays.equals(a, evaluation.sample(20, 2)));
    }
  }
}
