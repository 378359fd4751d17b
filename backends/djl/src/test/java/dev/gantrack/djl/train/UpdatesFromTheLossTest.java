package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.djl.spi.listener.DiscriminatorUpdate;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.GeneratorUpdate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where no listener reads a step's gradients the optimizers compute them inside their updates (no
 * backward pass into {@code .grad}); a listener that reads them gets them on the steps it names. Either
 * way training is the same: the networks end bit-identical whether every step, no step or one step of
 * two ran the backward passes.
 */
class UpdatesFromTheLossTest {
  @TempDir Path tmp;

  /** Overrides the update callbacks and keeps the default: it reads gradients on every step. */
  static final class EveryStep implements GanTrainingListener {
    static final List<String> LOG = new ArrayList<>();

    @Override
    public void onDiscriminatorStep(DiscriminatorUpdate u) {
      LOG.add("D " + u.step() + (ListenerOrderTest.Recorder.gradientNorm(u.discriminator()) > 0 ? " grad" : " none"));
    }

    @Override
    public void onGeneratorStep(GeneratorUpdate u) {
      LOG.add("G " + u.step() + (ListenerOrderTest.Recorder.gradientNorm(u.generator()) > 0 ? " grad" : " none"));
    }
  }

  /** Reads gradients at step 2 only; on step 1 its callbacks still run (it records that they did). */
  static final class StepTwoOnly implements GanTrainingListener {
    static final List<String> LOG = new ArrayList<>();

    @Override
    public boolean readsGradients(long step) {
      return step == 2;
    }

    @Override
    public void onDiscriminatorStep(DiscriminatorUpdate u) {
      LOG.add("D " + u.step() + (u.step() == 2 && ListenerOrderTest.Recorder.gradientNorm(u.discriminator()) > 0
          ? " grad" : ""));
    }

    @Override
    public void onGeneratorStep(GeneratorUpdate u) {
      LOG.add("G " + u.step() + (u.step() == 2 && ListenerOrderTest.Recorder.gradientNorm(u.generator()) > 0
          ? " grad" : ""));
    }
  }

  @Test
  void networksEndBitIdenticalWhicheverStepsRanBackwardPassesAndReadersGetGradientsOnTheirSteps() {
    EveryStep.LOG.clear();
    StepTwoOnly.LOG.clear();
    List<float[]> everyStep = train("every", EveryStep.class);
    List<float[]> noReader = train("none", null);
    List<float[]> stepTwo = train("two", StepTwoOnly.class);
    assertEquals(List.of("D 1 grad", "D 1 grad", "G 1 grad", "D 2 grad", "D 2 grad", "G 2 grad"), EveryStep.LOG);
    assertEquals(List.of("D 1", "D 1", "G 1", "D 2 grad", "D 2 grad", "G 2 grad"), StepTwoOnly.LOG);
    assertEquals(everyStep.size(), noReader.size());
    for (int i = 0; i < everyStep.size(); i++) {
      assertArrayEquals(everyStep.get(i), noReader.get(i), "parameter " + i + ": backward passes vs none");
      assertArrayEquals(everyStep.get(i), stepTwo.get(i), "parameter " + i + ": backward passes vs step 2 only");
    }
    assertTrue(everyStep.size() > 4, "G's and D's parameters compared");
  }

  /** G's then D's parameters after the run of {@link ListenerOrderTest#experiment()} with {@code listener}. */
  private List<float[]> train(String name, Class<? extends GanTrainingListener> listener) {
    Module extra = new AbstractModule() {
      @Override
      protected void configure() {
        if (listener != null) {
          GanTrainingListener.bind(binder()).to(listener);
        }
      }
    };
    try (TestRun run = TestRun.of(ListenerOrderTest.experiment(), new RingPoints(), tmp.resolve(name),
        new Tracker() {}, extra)) {
      run.trainer().run();
      List<float[]> out = new ArrayList<>();
      for (var block : List.of(run.generator(), run.discriminator())) {
        for (Pair<String, Parameter> p : block.getParameters()) {
          out.add(p.getValue().getArray().toFloatArray());
        }
      }
      return out;
    }
  }
}
