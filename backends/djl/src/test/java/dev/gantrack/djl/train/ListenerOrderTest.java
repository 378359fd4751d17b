package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.spi.listener.DiscriminatorUpdate;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.GeneratorUpdate;
import dev.gantrack.djl.spi.listener.StepOutcome;
import dev.gantrack.djl.spi.listener.TrainingProgress;
import dev.gantrack.djl.spi.run.GanNetworks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener a module binds is built by Guice for the run and called in the documented order: begin,
 * then per step k D updates (gradients holding that update's values), the G update and the step, then
 * end; a listener's failure ends the run as FAILED, still ending every listener that began.
 */
class ListenerOrderTest {
  static final int STEPS = 2;
  static final int K = 2;

  @TempDir Path tmp;

  /** Records every callback as a line; injected with the run's networks and training options. */
  static final class Recorder implements GanTrainingListener {
    static final List<String> LOG = new ArrayList<>();
    static String failAt;
    private final GanNetworks networks;
    private final TrainingSpec training;

    @Inject
    Recorder(GanNetworks networks, TrainingSpec training) {
      this.networks = networks;
      this.training = training;
    }

    @Override
    public void onTrainingBegin(TrainingProgress p) {
      LOG.add("begin " + p.step() + "/" + p.totalSteps() + " of " + training.steps());
    }

    @Override
    public void onDiscriminatorStep(DiscriminatorUpdate u) {
      LOG.add("D " + u.step() + "." + u.index() + "/" + u.count() + (u.last() ? " last" : "")
          + (gradientNorm(u.discriminator()) > 0 ? " grad" : " no-grad")
          + (u.discriminator() == networks.discriminator() ? "" : " other-D"));
    }

    @Override
    public void onGeneratorStep(GeneratorUpdate u) {
      LOG.add("G " + u.step() + (gradientNorm(u.generator()) > 0 ? " grad" : " no-grad")
          + (Float.isFinite(u.loss().getFloat()) ? "" : " nan"));
    }

    @Override
    public void onStep(StepOutcome o) {
      LOG.add("step " + o.step() + (o.last() ? " last" : "") + " " + o.values().keySet());
      if (("step " + o.step()).equals(failAt)) {
        throw new IllegalStateException("listener failed at step " + o.step());
      }
    }

    @Override
    public void onTrainingEnd(TrainingProgress p, RunStatus status) {
      LOG.add("end " + p.step() + " " + status);
    }

    static double gradientNorm(ai.djl.nn.Block block) {
      double sum = 0;
      for (Pair<String, Parameter> p : block.getParameters()) {
        if (p.getValue().requiresGradient()) {
          try (NDArray g = p.getValue().getArray().getGradient()) {
            for (float v : g.toFloatArray()) {
              sum += v * (double) v;
            }
          }
        }
      }
      return sum;
    }
  }

  static Experiment experiment() {
    return new Experiment("listeners", null, "djl", "cpu", 4L, new RingPoints(),
        new MlpGenerator(4, 8, 1, "none", null, null, "linear", null), new MlpDiscriminator(8, 1, null, null, null, null),
        new NonSaturatingLoss(), null, new NoLabelSmoothing(), new NormalLatent(null), null,
        new SeparateOptimizers(null, null, K), null, new TrainingSpec(STEPS, 8, 1, 0, 2, 0, 0, 0.0), List.of(), List.of(),
        List.of());
  }

  static void train(Path dir) {
    try (TestRun run = TestRun.of(experiment(), new RingPoints(), dir, new Tracker() {}, new AbstractModule() {
      @Override
      protected void configure() {
        GanTrainingListener.bind(binder()).to(Recorder.class);
      }
    })) {
      run.trainer().run();
    }
  }

  @Test
  void aBoundListenerSeesEveryCallbackInTheDocumentedOrder() {
    Recorder.LOG.clear();
    Recorder.failAt = null;
    train(tmp);
    String values = "[d_loss, g_loss, d_real, d_fake]";
    assertEquals(List.of(
        "begin 0/2 of 2",
        "D 1.1/2 grad", "D 1.2/2 last grad", "G 1 grad", "step 1 " + values,
        "D 2.1/2 grad", "D 2.2/2 last grad", "G 2 grad", "step 2 last " + values,
        "end 2 FINISHED"), Recorder.LOG);
  }

  @Test
  void aFailingListenerEndsTheRunAsFailedAndEveryListenerStillEnds() {
    Recorder.LOG.clear();
    Recorder.failAt = "step 1";
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> train(tmp));
    assertEquals("listener failed at step 1", e.getMessage());
    assertEquals("end 1 FAILED", Recorder.LOG.get(Recorder.LOG.size() - 1), Recorder.LOG.toString());
    assertTrue(Recorder.LOG.stream().noneMatch(l -> l.startsWith("D 2")), "no step after the failure");
  }
}
