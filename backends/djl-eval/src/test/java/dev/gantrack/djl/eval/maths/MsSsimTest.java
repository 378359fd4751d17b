package dev.gantrack.djl.eval.maths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** MS-SSIM's properties: 1 for identical images, symmetric, falling as noise grows, in [0, 1]; its scales. */
class MsSsimTest {
  /** A smooth 28×28 test image in [-1, 1] (a blob and a stroke), with {@code channels} channels. */
  private static float[] image(int channels, double phase) {
    float[] x = new float[channels * 28 * 28];
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < 28; r++) {
        for (int q = 0; q < 28; q++) {
          double blob = Math.exp(-((r - 12) * (r - 12) + (q - 15) * (q - 15)) / 30.0);
          double stroke = Math.abs(r - q - 2 * c) < 2 ? 1 : 0;
          x[c * 784 + r * 28 + q] = (float) Math.max(-1, Math.min(1, 2 * (0.6 * blob + 0.4 * stroke) * Math.cos(phase) - 1));
        }
      }
    }
    return x;
  }

  private static float[] noisy(float[] x, double sigma, long seed) {
    Random r = new Random(seed);
    float[] out = x.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) Math.max(-1, Math.min(1, out[i] + sigma * r.nextGaussian()));
    }
    return out;
  }

  @Test
  void identicalImagesScoreOne() {
    MsSsim m = new MsSsim(3, 28, 28);
    float[] x = image(3, 0.2);
    assertEquals(1, m.between(x, 0, x, 0), 1e-12);
  }

  @Test
  void itIsSymmetric() {
    MsSsim m = new MsSsim(1, 28, 28);
    float[] x = image(1, 0.1);
    float[] y = noisy(x, 0.3, 1);
    assertEquals(m.between(x, 0, y, 0), m.between(y, 0, x, 0), 1e-12);
  }

  @Test
  void itFallsAsNoiseGrowsAndStaysInTheUnitInterval() {
    MsSsim m = new MsSsim(1, 28, 28);
    float[] x = image(1, 0.0);
    double previous = 1;
    for (double sigma : new double[] {0.05, 0.2, 0.5, 1.0}) {
      double s = m.between(x, 0, noisy(x, sigma, 2), 0);
      assertTrue(s < previous && s >= 0, "sigma " + sigma + ": " + s + " after " + previous);
      previous = s;
    }
  }

  @Test
  void imagesAtOffsetsInOneArrayAreComparedLikeSeparateOnes() {
    MsSsim m = new MsSsim(1, 28, 28);
    float[] x = image(1, 0.0);
    float[] y = noisy(x, 0.2, 3);
    float[] both = new float[2 * 784];
    System.arraycopy(x, 0, both, 0, 784);
    System.arraycopy(y, 0, both, 784, 784);
    assertEquals(m.between(x, 0, y, 0), m.between(both, 0, both, 784), 0);
  }

  @Test
  void smallImagesUseTheScalesThatFitTheWindowAndLargeOnesAllFive() {
    assertEquals(2, new MsSsim(1, 28, 28).scales());
    assertEquals(3, new MsSsim(3, 64, 64).scales());
    assertEquals(5, new MsSsim(3, 176, 176).scales());
  }
}
