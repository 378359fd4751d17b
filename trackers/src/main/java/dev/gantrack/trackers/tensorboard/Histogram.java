package dev.gantrack.trackers.tensorboard;

/**
 * An equal-width histogram of the finite values of an array, as {@code HistogramProto} holds it:
 * bucket {@code i} counts values in [{@code bucketLimit[i-1]}, {@code bucketLimit[i]}) (the first
 * from {@code min}, the last up to and including {@code max}).
 */
record Histogram(
    double min, double max, double num, double sum, double sumSquares, double[] bucketLimit, double[] bucket) {

  /** The histogram of {@code values} with {@code buckets} buckets, or null if none is finite. */
  static Histogram of(float[] values, int buckets) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    double sumSquares = 0;
    long n = 0;
    for (float f : values) {
      if (Float.isFinite(f)) {
        n++;
        min = Math.min(min, f);
        max = Math.max(max, f);
        sum += f;
        sumSquares += (double) f * f;
      }
    }
    if (n == 0) {
      return null;
    }
    if (min == max) {
      return new Histogram(min, max, n, sum, sumSquares, new double[] {max}, new double[] {n});
    }
    double width = (max - min) / buckets;
    double[] limits = new double[buckets];
    for (int i = 0; i < buckets - 1; i++) {
      limits[i] = min + (i + 1) * width;
    }
    limits[buckets - 1] = max;
    double[] counts = new double[buckets];
    for (float f : values) {
      if (!Float.isFinite(f)) {
        continue;
      }
      int i = (int) Math.min(buckets - 1, Math.floor((f - min) / width));
      while (i < buckets - 1 && f >= limits[i]) {
        i++;
      }
      while (i > 0 && f < limits[i - 1]) {
        i--;
      }
      counts[i]++;
    }
    return new Histogram(min, max, n, sum, sumSquares, limits, counts);
  }
}
