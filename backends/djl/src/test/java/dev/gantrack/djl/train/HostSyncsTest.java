package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.spec.DiscriminatorSpec;
import dev.gantrack.api.spec.GeneratorSpec;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.DcganDiscriminator;
import dev.gantrack.djl.builtins.network.DcganGenerator;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.StepOutcome;
import dev.gantrack.djl.train.MemoryStaysFlatTest.NoiseData;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A training run reads tensor values to the host only at its logging cadence, and copies host memory
 * to the device once per step (the real batch, its labels in the same copy): counted by the JNI call
 * counter agent the tests run with, between one step's end and the next's, over whole runs of the
 * trainer with all of gantrack's listeners (logging every 5 steps, samples and checkpoints at the end).
 */
class HostSyncsTest {
  private static final int STEPS = 23;
  private static final int LOG_EVERY = 5;

  /** Per step: host syncs and host-to-device copies since the previous step ended. */
  static final class Counting implements GanTrainingListener {
    final List<long[]> perStep = new ArrayList<>();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName agent;
    private long[] last;

    Counting() throws JMException {
      agent = new ObjectName("dev.gantrack:type=JniCalls");
      assertTrue(server.isRegistered(agent), "the tests run with the JNI call counter agent (surefire argLine)");
    }

    @Override
    public void onStep(StepOutcome outcome) {
      long[] now = read();
      if (last != null) {
        perStep.add(new long[] {outcome.step(), now[0] - last[0], now[1] - last[1]});
      }
      last = now;
    }

    private long[] read() {
      try {
        return new long[] {(Long) server.getAttribute(agent, "HostSyncs"), (Long) server.getAttribute(agent, "HostToDevice")};
      } catch (JMException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static void assertSyncsOnlyAtTheLoggingCadence(NoiseData data, GeneratorSpec g, DiscriminatorSpec d) throws Exception {
    Experiment e = new Experiment("host-syncs", null, "djl", "cpu", 3L, data, g, d, new NonSaturatingLoss(), null,
        new NoLabelSmoothing(), new NormalLatent(null), null, new SeparateOptimizers(null, null, 1), null,
        new TrainingSpec(STEPS, 8, LOG_EVERY, 0, 2, 0, 0, 0.0), List.of(), List.of());
    Counting counting = new Counting();
    try (TestRun run = TestRun.of(e, data, Files.createTempDirectory("host-syncs"), new Tracker() {},
        new AbstractModule() {
          @Override
          protected void configure() {
            GanTrainingListener.bind(binder()).toInstance(counting);
          }
        })) {
      run.trainer().run();
    }
    assertEquals(STEPS - 1, counting.perStep.size(), "every step after the first is counted");
    for (long[] s : counting.perStep) {
      long step = s[0];
      boolean logged = step % LOG_EVERY == 0 || step == STEPS;
      if (logged) {
        assertTrue(s[1] > 0, "step " + step + " is logged: its values are read on the host");
      } else {
        assertEquals(0, s[1], "step " + step + " is not logged: no host sync");
        assertEquals(1, s[2], "step " + step + ": one copy to the device (the real batch)");
      }
    }
  }

  @Test
  void dcganTrainingReadsTheDeviceOnlyWhenItLogs() throws Exception {
    assertSyncsOnlyAtTheLoggingCadence(new NoiseData(new int[] {1, 16, 16}, 0),
        new DcganGenerator(8, 16, 2, null, null, null, null), new DcganDiscriminator(8, 2, null, null, null, null));
  }

  @Test
  void conditionalMlpTrainingCopiesExamplesAndLabelsInOneTransfer() throws Exception {
    assertSyncsOnlyAtTheLoggingCadence(new NoiseData(new int[] {2}, 4),
        new MlpGenerator(8, 32, 2, null, "relu", null, "linear", true),
        new MlpDiscriminator(32, 2, "none", null, null, true));
  }
}
