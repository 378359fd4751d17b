package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.api.spec.PenaltySpec;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.loss.WganGpLoss;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.OptimizerOptions;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.penalty.R1Penalty;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.train.MemoryStaysFlatTest.NoiseData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Gradient penalties do not leak native memory: the process's resident size stays flat over a long
 * run (the create_graph backward pass they used to run grows it by hundreds of kB every D update).
 * Each run is a child JVM whose Java heap is fixed and touched up front ({@code -Xms=-Xmx},
 * AlwaysPreTouch), so growth of the resident size is native growth, not the heap's first use of pages.
 */
@Tag("slow")
class PenaltyNativeMemoryTest {
  private static final int FROM = 150;
  private static final int TO = 750;
  /** Allowed growth of the resident size from step FROM to TO: allocator noise, far below any per-step leak. */
  private static final long BOUND_KB = 32 * 1024;
  private static final String GROWTH = "resident growth kB: ";

  static Experiment experiment(LossSpec loss, PenaltySpec penalty) {
    OptimizerOptions adam = OptimizerOptions.adam(1e-4, 0.5, 0.9);
    return new Experiment("penalty-memory", null, "djl", "cpu", 5L, new NoiseData(new int[] {2}),
        new MlpGenerator(8, 64, 2, null, "relu", null, "linear", null),
        new MlpDiscriminator(64, 2, "none", null, null, null),
        loss, penalty, new NoLabelSmoothing(), new NormalLatent(null), null,
        new SeparateOptimizers(adam, adam, 2), null,
        new TrainingSpec(TO, 64, 50, 0, 2, 0, 0, 0.0), List.of(), List.of(), List.of());
  }

  /** Resident set size of this process in kB (VmRSS in /proc/self/status). */
  static long residentKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  /** Child JVM entry: args {@code wgan-gp|r1} and {@code scripted|backward}; prints the growth in kB. */
  public static void main(String[] args) {
    Experiment e = switch (args[0]) {
      case "wgan-gp" -> experiment(new WganGpLoss(null), null);
      case "r1" -> experiment(new NonSaturatingLoss(), new R1Penalty(null));
      default -> throw new IllegalArgumentException(args[0]);
    };
    try (TestRun trainer = TestRun.of(e, (NoiseData) e.dataset())) {
      if (args[1].equals("backward")) {
        trainer.useBackwardInputGradient();
      }
      long at = 0;
      for (int step = 1; step <= TO; step++) {
        try (NDScope scope = new NDScope(); NDManager m = trainer.manager().newSubManager()) {
          scope.suppressNotUsedWarning();
          trainer.step(m, step);
        }
        if (step == FROM) {
          at = residentKb();
        }
      }
      System.out.println(GROWTH + (residentKb() - at));
    }
  }

  /** Growth in kB of the resident size between step FROM and step TO, measured in a child JVM. */
  static long growthKb(String run, String path) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true",
        "-cp", System.getProperty("java.class.path"), PenaltyNativeMemoryTest.class.getName(), run, path));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    long growth = out.lines().filter(l -> l.startsWith(GROWTH)).mapToLong(l -> Long.parseLong(l.substring(GROWTH.length())))
        .findFirst().orElseThrow(() -> new AssertionError("no growth line in:\n" + out));
    System.out.printf("%s, %s path: resident growth from step %d to %d = %d kB%n", run, path, FROM, TO, growth);
    return growth;
  }

  @Test
  void wganGpRunKeepsResidentMemoryFlat() throws Exception {
    long growth = growthKb("wgan-gp", "scripted");
    assertTrue(growth < BOUND_KB, "resident growth " + growth + " kB over " + (TO - FROM) + " steps");
  }

  @Test
  void r1RunKeepsResidentMemoryFlat() throws Exception {
    long growth = growthKb("r1", "scripted");
    assertTrue(growth < BOUND_KB, "resident growth " + growth + " kB over " + (TO - FROM) + " steps");
  }

  /** The measurement sees the leak: the old create_graph backward pass grows well past the bound. */
  @Test
  void backwardPathGrowsPastTheBound() throws Exception {
    long growth = growthKb("wgan-gp", "backward");
    assertTrue(growth > 4 * BOUND_KB, "resident growth of the backward path " + growth + " kB");
  }
}
