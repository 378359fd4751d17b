package dev.gantrack.djl.checkpoint;

import dev.gantrack.api.data.DataShape;
import dev.gantrack.djl.train.InMemoryData;
import java.util.SplittableRandom;

/** Endless labelled 2-D points: class c around (cos 2πc/K, sin 2πc/K), for conditional networks. */
record LabelledBlobs(int classes) implements InMemoryData {
  @Override
  public DataShape shape() {
    return new DataShape(new int[] {2}, classes, -1);
  }

  @Override
  public void batch(SplittableRandom random, int n, float[] x, int[] labels) {
    for (int i = 0; i < n; i++) {
      int c = random.nextInt(classes);
      double a = 2 * Math.PI * c / classes;
      x[2 * i] = (float) (Math.cos(a) + 0.05 * random.nextGaussian());
      x[2 * i + 1] = (float) (Math.sin(a) + 0.05 * random.nextGaussian());
      if (labels != null) {
        labels[i] = c;
      }
    }
  }
}
