package dev.gantrack.djl.train;

import dev.gantrack.api.data.DataShape;
import java.util.SplittableRandom;

/**
 * Test data: 8 Gaussians with means on the unit circle (cos 2πi/8, sin 2πi/8) and σ 0.01, the ring of
 * the mode-collapse papers (the backend cannot see the experiments module's {@code ring} dataset).
 */
public record RingPoints() implements InMemoryData {
  @Override
  public DataShape shape() {
    return new DataShape(new int[] {2}, 0, -1);
  }

  @Override
  public void batch(SplittableRandom random, int n, float[] x, int[] labels) {
    for (int i = 0; i < n; i++) {
      double a = 2 * Math.PI * random.nextInt(8) / 8;
      x[2 * i] = (float) (Math.cos(a) + 0.01 * random.nextGaussian());
      x[2 * i + 1] = (float) (Math.sin(a) + 0.01 * random.nextGaussian());
    }
  }
}
