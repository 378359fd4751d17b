package dev.gantrack.experiments.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.health.LoggedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trend statistics against hand counts and a closed form. */
class TrendTest {
  private static List<LoggedValue> at(double... ys) {
    List<LoggedValue> out = new ArrayList<>();
    for (int i = 0; i < ys.length; i++) {
      out.add(new LoggedValue(10L * (i + 1), ys[i]));
    }
    return out;
  }

  @Test
  void theilSenSlopeIgnoresTwoOutliersOfTen() {
    double[] ys = new double[10];
    for (int i = 0; i < 10; i++) {
      ys[i] = 2 * (i + 1) + 1; // y = 2x + 1 at x = 1..10, steps 10..100: 0.2 per step
    }
    ys[3] = 100;
    ys[7] = -50;
    // 28 of the 45 pairs avoid both outliers and have slope exactly 0.2: more than half
    assertEquals(0.2, Trend.of(at(ys)).slope(), 1e-12);
  }

  @Test
  void kendallsTauMatchesConcordantMinusDiscordantPairsCountedByHand() {
    // (1,3) (1,2) (1,4) (3,4) (2,4) concordant, (3,2) discordant: (5 - 1) / 6
    assertEquals(4.0 / 6, Trend.of(at(1, 3, 2, 4)).tau(), 1e-12);
    // one tie in the values: tau_b = (5 - 0) / sqrt((6 - 0) * (6 - 1))
    assertEquals(5 / Math.sqrt(30), Trend.of(at(1, 2, 2, 3)).tau(), 1e-12);
    assertEquals(1.0, Trend.of(at(1, 2, 3, 4, 5)).tau(), 1e-12);
    assertEquals(-1.0, Trend.of(at(5, 4, 3, 2, 1)).tau(), 1e-12);
  }

  /**
   * The exact chance that 10 values without trend reach τ ≥ 0.6: τ = 1 − 4·inversions/90, so τ ≥ 0.6
   * means at most 9 inversions; permutations of 10 by inversions are the Mahonian numbers.
   */
  private static double exactChanceOfTauAtLeast06OfTen() {
    long[] count = {1};
    for (int m = 2; m <= 10; m++) {
      long[] next = new long[count.length + m - 1];
      for (int k = 0; k < count.length; k++) {
        for (int j = 0; j < m; j++) {
          next[k + j] += count[k];
        }
      }
      count = next;
    }
    long atMost9 = 0;
    for (int k = 0; k <= 9; k++) {
      atMost9 += count[k];
    }
    return atMost9 / 3628800.0;
  }

  /** The default min-tau 0.6 over the default window of 10 fires on noise alone less than 1 % of the time. */
  @Test
  void tauOfAtLeast06OverTenValuesWithoutTrendIsRarerThanOnePercent() {
    Random r = new Random(8);
    int trials = 40_000;
    int hits = 0;
    double[] ys = new double[10];
    for (int t = 0; t < trials; t++) {
      for (int i = 0; i < 10; i++) {
        ys[i] = r.nextGaussian();
      }
      if (Trend.of(at(ys)).tau() >= 0.6) {
        hits++;
      }
    }
    double p = hits / (double) trials;
    double exact = exactChanceOfTauAtLeast06OfTen();
    assertTrue(exact < 0.01, "exact " + exact);
    assertEquals(exact, p, 4 * Math.sqrt(exact * (1 - exact) / trials), "Monte Carlo against the exact chance");
  }
}
