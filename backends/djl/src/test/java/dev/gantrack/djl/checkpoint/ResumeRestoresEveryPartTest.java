package dev.gantrack.djl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.google.inject.Inject;
import com.google.inject.Module;
import com.google.inject.Singleton;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.run.CheckpointInfo;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.GaussianInstanceNoise;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.OptimizerOptions;
import dev.gantrack.djl.builtins.optim.TwoTimeScale;
import dev.gantrack.djl.builtins.penalty.R1Penalty;
import dev.gantrack.djl.builtins.smoothing.NoisyLabelSmoothing;
import dev.gantrack.djl.builtins.spectral.PowerIterationSpectralNorm;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.StepOutcome;
import dev.gantrack.djl.spi.state.RunState;
import dev.gantrack.djl.spi.state.StateReader;
import dev.gantrack.djl.spi.state.StateWriter;
import dev.gantrack.djl.train.RunStates;
import dev.gantrack.djl.train.TestRun;
import dev.gantrack.djl.listener.StepCosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run restored from a checkpoint into a freshly assembled run (as {@code gantrack resume} does in a
 * new process) ends in exactly the state of the uninterrupted run, with every component family on:
 * EMA, spectral norm on G and D, the R1 penalty, annealed instance noise, noisy labels, TTUR with a
 * schedule and warm-up, two D updates per step and conditional networks with batch norm; and a plugin's
 * stateful listener and bound piece, which join the checkpoints by implementing {@link RunState}.
 */
class ResumeRestoresEveryPartTest {
  private static final int STEPS = 12;
  @TempDir Path tmp;

  static Experiment experiment(double ema, int keep) {
    LabelledBlobs data = new LabelledBlobs(4);
    OptimizerOptions g = new OptimizerOptions(null, null, null, null, null, null, null, null, null, null, null,
        "linear", 0.1, null, null, null);
    OptimizerOptions d = new OptimizerOptions(null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, 3);
    return new Experiment("resume", null, "djl", "cpu", 17L, data,
        new MlpGenerator(3, 16, 2, "batch", null, null, "linear", true),
        new MlpDiscriminator(16, 2, null, null, null, true), new NonSaturatingLoss(), new R1Penalty(1.0),
        new NoisyLabelSmoothing(0.2, null, null), new NormalLatent(null), new GaussianInstanceNoise(0.2, "linear", null, null),
        new TwoTimeScale(g, d, 2), new PowerIterationSpectralNorm(null, null, true, null),
        new TrainingSpec(STEPS, 16, 2, 0, 2, 4, keep, 0, ema), List.of(), List.of());
  }

  /** Every part's saved entries as bytes (arrays) or JSON text (values), by part and entry. */
  static Map<String, byte[]> snapshot(TestRun run) {
    Map<String, byte[]> out = new TreeMap<>();
    run.get(RunStates.class).parts().forEach((part, state) -> state.save(new StateWriter() {
      @Override public void array(String name, NDArray array) {
        out.put(part + "/" + name, array.toByteArray());
      }

      @Override public void value(String name, Object value) {
        out.put(part + "/" + name, String.valueOf(value).getBytes());
      }
    }));
    return out;
  }

  /** What a plugin's stateful pieces remember: how many steps they saw and the sum of those steps. */
  record Counts(long seen, long sum) {}

  /** A plugin-bound piece with state (bound with {@link RunState#bind}), changed by the listener below. */
  @Singleton
  static final class BoundCounter implements RunState {
    Counts counts = new Counts(0, 0);

    @Override public void save(StateWriter out) {
      out.value("counts", counts);
    }

    @Override public void restore(StateReader in) {
      counts = in.value("counts", Counts.class);
    }
  }

  /** A plugin's listener with state of its own: saved because it implements RunState, after its onStep. */
  static final class StepCounter implements GanTrainingListener, RunState {
    private final BoundCounter bound;
    Counts counts = new Counts(0, 0);

    @Inject
    StepCounter(BoundCounter bound) {
      this.bound = bound;
    }

    @Override public void onStep(StepOutcome outcome) {
      counts = new Counts(counts.seen() + 1, counts.sum() + outcome.step());
      bound.counts = new Counts(bound.counts.seen() + 1, bound.counts.sum() + 2 * outcome.step());
    }

    @Override public void save(StateWriter out) {
      out.value("counts", counts);
    }

    @Override public void restore(StateReader in) {
      counts = in.value("counts", Counts.class);
    }
  }

  /** What a plugin's module would bind. */
  static final Module PLUGIN = binder -> {
    GanTrainingListener.bind(binder).to(StepCounter.class);
    RunState.bind(binder, "test-plugin.bound").to(BoundCounter.class);
  };

  /** A tracker that keeps every logged value except the wall-clock speed. */
  static final class Recorded implements Tracker {
    final Map<Long, Map<String, Double>> rows = new TreeMap<>();

    @Override
    public void onMetrics(long step, Map<String, Double> metrics) {
      Map<String, Double> copy = new LinkedHashMap<>(metrics);
      copy.remove("steps_per_sec");
      copy.keySet().removeAll(StepCosts.KEYS); // the host's costs, measured, differ from run to run
      rows.computeIfAbsent(step, s -> new LinkedHashMap<>()).putAll(copy);
    }
  }

  @Test
  void aRunResumedFromStepFourEndsBitForBitAsTheUninterruptedRun() throws Exception {
    Experiment e = experiment(0.9, 3);
    Recorded whole = new Recorded();
    Map<String, byte[]> expected;
    Path wholeDir = tmp.resolve("whole");
    try (TestRun run = TestRun.of(e, e.dataset().open(null), wholeDir, whole, PLUGIN)) {
      run.trainer().run();
      expected = snapshot(run);
    }
    assertEquals("Counts[seen=12, sum=78]", new String(expected.get("listeners." + StepCounter.class.getName() + "/counts")));
    assertEquals("Counts[seen=12, sum=156]", new String(expected.get("test-plugin.bound/counts")));
    assertTrue(expected.keySet().stream().anyMatch(k -> k.startsWith("generator-ema/")), expected.keySet().toString());
    assertTrue(expected.keySet().stream().anyMatch(k -> k.startsWith("spectral-norm.generator.")));
    assertTrue(expected.keySet().stream().anyMatch(k -> k.startsWith("ttur.discriminator/mean.")));
    assertTrue(expected.keySet().stream().anyMatch(k -> k.contains("runningMean") || k.contains("running")),
        "BatchNorm's running statistics are saved: " + expected.keySet());

    Path resumedDir = tmp.resolve("resumed");
    Path from = Checkpoints.folderOf(wholeDir).resolve("step-000004");
    Path to = Checkpoints.folderOf(resumedDir).resolve("step-000004");
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    Recorded resumed = new Recorded();
    try (TestRun run = TestRun.of(e, e.dataset().open(null), resumedDir, resumed, PLUGIN)) {
      assertEquals(4, run.trainer().restore(to));
      run.trainer().run();
      Map<String, byte[]> actual = snapshot(run);
      assertEquals(expected.keySet(), actual.keySet());
      for (String key : expected.keySet()) {
        assertArrayEquals(expected.get(key), actual.get(key), key + " differs after resuming");
      }
    }
    assertEquals(List.of(6L, 8L, 10L, 12L), new ArrayList<>(resumed.rows.keySet()), "the resumed run logs steps 5..12");
    for (long step : resumed.rows.keySet()) {
      assertEquals(whole.rows.get(step), resumed.rows.get(step), "logged values at step " + step);
    }
  }

  @Test
  void aDamagedCheckpointIsListedWithItsProblemAndRefused() throws Exception {
    Experiment e = experiment(0, 3);
    try (TestRun run = TestRun.of(e, e.dataset().open(null), tmp, new Tracker() {})) {
      for (long s : new long[] {4, 8, 12}) {
        run.saveCheckpoint(s);
      }
      List<CheckpointInfo> all = Checkpoints.list(tmp);
      assertEquals(List.of(12L, 8L, 4L), all.stream().map(CheckpointInfo::step).toList());
      assertTrue(all.stream().allMatch(CheckpointInfo::sound), all.toString());
      Path damaged = all.get(0).path().resolve("generator.state");
      byte[] bytes = Files.readAllBytes(damaged);
      bytes[bytes.length - 1] ^= 1;
      Files.write(damaged, bytes, StandardOpenOption.TRUNCATE_EXISTING);
      CheckpointInfo info = Checkpoints.list(tmp).get(0);
      assertFalse(info.sound());
      assertTrue(info.problem().contains("generator.state") && info.problem().contains("SHA-256"), info.problem());
      IOException refused = assertThrows(IOException.class, () -> run.trainer().restore(info.path()));
      assertTrue(refused.getMessage().contains("SHA-256"), refused.getMessage());
      Files.delete(all.get(1).path().resolve("manifest.json"));
      assertTrue(Checkpoints.list(tmp).get(1).problem().contains("no manifest.json"));
    }
  }

  @Test
  void aCheckpointWithoutAPartTheRunHasIsRefusedNamingThePart() throws Exception {
    Path withoutEma;
    try (TestRun run = TestRun.of(experiment(0, 3), new LabelledBlobs(4), tmp.resolve("a"), new Tracker() {})) {
      withoutEma = run.saveCheckpoint(0);
    }
    try (TestRun run = TestRun.of(experiment(0.9, 3), new LabelledBlobs(4), tmp.resolve("b"), new Tracker() {})) {
      IOException refused = assertThrows(IOException.class, () -> run.trainer().restore(withoutEma));
      assertTrue(refused.getMessage().contains("'generator-ema'"), refused.getMessage());
    }
  }

  @Test
  void theNewestKeepCheckpointsArePrunedAroundPinnedOnesAndUnfinishedOnesRemoved() throws Exception {
    try (TestRun run = TestRun.of(experiment(0, 2), new LabelledBlobs(4), tmp, new Tracker() {})) {
      Path unfinished = Files.createDirectories(Checkpoints.folderOf(tmp).resolve(".tmp-step-000009"));
      Files.writeString(unfinished.resolve("generator.state"), "half");
      for (long s = 1; s <= 5; s++) {
        Path written = run.saveCheckpoint(s);
        if (s == 2) {
          Files.createFile(written.resolve(CheckpointInfo.PIN_FILE));
        }
      }
      List<CheckpointInfo> left = Checkpoints.list(tmp);
      assertEquals(List.of(5L, 4L, 2L), left.stream().map(CheckpointInfo::step).toList(), left.toString());
      assertTrue(left.get(2).pinned());
      assertFalse(Files.exists(unfinished), "a half-written checkpoint is removed");
      assertNull(left.get(0).problem());
      assertNotNull(Arrays.toString(left.toArray()));
    }
  }
}
