package dev.gantrack.djl.eval.maths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Inception Score's bounds and a value worked by hand. */
class InceptionScoreTest {
  @Test
  void confidentPredictionsSpreadEvenlyOverAllClassesScoreTheNumberOfClasses() {
    int k = 10, n = 1000;
    float[] p = new float[n * k];
    for (int i = 0; i < n; i++) {
      p[i * k + i % k] = 1;
    }
    InceptionScore.Estimate is = InceptionScore.of(p, k, 10);
    assertEquals(10, is.mean(), 1e-9);
    assertEquals(0, is.std(), 1e-9);
  }

  @Test
  void oneClassForEverySampleOrUniformPredictionsScoreOne() {
    int k = 10, n = 200;
    float[] same = new float[n * k];
    float[] uniform = new float[n * k];
    for (int i = 0; i < n; i++) {
      same[i * k + 3] = 1;
      for (int c = 0; c < k; c++) {
        uniform[i * k + c] = 0.1f;
      }
    }
    assertEquals(1, InceptionScore.of(same, k, 10).mean(), 1e-9);
    assertEquals(1, InceptionScore.of(uniform, k, 10).mean(), 1e-6);
  }

  @Test
  void anyPredictionsScoreBetweenOneAndTheNumberOfClasses() {
    Random r = new Random(9);
    int k = 5, n = 500;
    float[] p = new float[n * k];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      double[] e = new double[k];
      for (int c = 0; c < k; c++) {
        e[c] = Math.exp(3 * r.nextGaussian());
        sum += e[c];
      }
      for (int c = 0; c < k; c++) {
        p[i * k + c] = (float) (e[c] / sum);
      }
    }
    double is = InceptionScore.of(p, k, 10).mean();
    assertTrue(is > 1 && is < k, "IS " + is);
  }

  @Test
  void aSplitScoresTheExponentialOfTheMeanKlToTheMarginal() {
    // two samples, one split: p1 = (0.8, 0.2), p2 = (0.4, 0.6); marginal (0.6, 0.4)
    float[] p = {0.8f, 0.2f, 0.4f, 0.6f};
    double kl1 = 0.8 * Math.log(0.8 / 0.6) + 0.2 * Math.log(0.2 / 0.4);
    double kl2 = 0.4 * Math.log(0.4 / 0.6) + 0.6 * Math.log(0.6 / 0.4);
    assertEquals(Math.exp((kl1 + kl2) / 2), InceptionScore.of(p, 2, 1).mean(), 1e-6);
  }
}
