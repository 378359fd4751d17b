package dev.gantrack.djl.builtins.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each schedule's learning rate at chosen update counts against its closed form. */
class LearningRateScheduleTest {
  static final double LR = 3e-4;
  static final long TOTAL = 1000;

  static LearningRateSchedule schedule(long total, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lr", LR);
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    OptimizerOptions o = OptimizerOptions.resolve("generator",
        new com.fasterxml.jackson.databind.ObjectMapper().convertValue(m, OptimizerOptions.class), null);
    return new LearningRateSchedule(o, total);
  }

  @Test
  void constantIsTheBaseRateAtEveryUpdate() {
    LearningRateSchedule s = schedule(TOTAL);
    for (long t : new long[] {1, 2, 500, 999, 1000}) {
      assertEquals(LR, s.at(t), 0);
    }
  }

  @Test
  void linearFallsFromLrToFinalFractionAtTheLastUpdate() {
    LearningRateSchedule s = schedule(TOTAL, "schedule", "linear", "final-lr", 0.1);
    assertEquals(LR * (1 - 0.9 * 1 / 1000.0), s.at(1), 1e-15);
    assertEquals(LR * (1 - 0.9 * 0.25), s.at(250), 1e-15);
    assertEquals(LR * 0.55, s.at(500), 1e-15);
    assertEquals(LR * 0.1, s.at(1000), 1e-15);
    assertEquals(LR * 0.1, s.at(5000), 1e-15, "past the end it stays at the final rate");
  }

  @Test
  void cosineFollowsHalfACosineDownToTheFinalFraction() {
    LearningRateSchedule s = schedule(TOTAL, "schedule", "cosine", "final-lr", 0.2);
    for (long t : new long[] {1, 100, 333, 500, 750, 1000}) {
      double expected = LR * (0.2 + 0.8 * 0.5 * (1 + Math.cos(Math.PI * t / 1000.0)));
      assertEquals(expected, s.at(t), 1e-15, "update " + t);
    }
    assertEquals(LR * 0.6, s.at(500), 1e-15, "half way: the mean of lr and final lr");
    assertEquals(LR * 0.2, s.at(1000), 1e-15);
  }

  @Test
  void stepMultipliesByGammaEveryStepSizeUpdatesLikeStepLr() {
    LearningRateSchedule s = schedule(TOTAL, "schedule", "step", "step-size", 100, "gamma", 0.5);
    assertEquals(LR, s.at(1), 0);
    assertEquals(LR, s.at(100), 0, "the first step-size updates use lr");
    assertEquals(LR * 0.5, s.at(101), 1e-15);
    assertEquals(LR * 0.5, s.at(200), 1e-15);
    assertEquals(LR * 0.25, s.at(201), 1e-15);
    assertEquals(LR * Math.pow(0.5, 9), s.at(1000), 1e-18);
  }

  @Test
  void warmupRisesLinearlyThenTheScheduleRunsOverTheRemainingUpdates() {
    LearningRateSchedule s = schedule(TOTAL, "schedule", "linear", "warmup", 200);
    assertEquals(LR / 200, s.at(1), 1e-18);
    assertEquals(LR * 100 / 200.0, s.at(100), 1e-15);
    assertEquals(LR, s.at(200), 1e-15);
    assertEquals(LR * (1 - 400 / 800.0), s.at(600), 1e-15);
    assertEquals(0, s.at(1000), 1e-15);
    LearningRateSchedule c = schedule(TOTAL, "warmup", 10);
    assertEquals(LR * 0.3, c.at(3), 1e-15);
    assertEquals(LR, c.at(11), 0);
    LearningRateSchedule st = schedule(TOTAL, "schedule", "step", "step-size", 50, "gamma", 0.1, "warmup", 100);
    assertEquals(LR, st.at(150), 1e-15);
    assertEquals(LR * 0.1, st.at(151), 1e-16);
  }

  @Test
  void warmupLongerThanTheRunIsRejected() {
    assertEquals(LR, schedule(100, "warmup", 100).at(100), 1e-15, "a warm-up as long as the run ends at lr");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schedule(100, "warmup", 101));
    assertTrue(e.getMessage().startsWith("warmup:"), e.getMessage());
  }
}
