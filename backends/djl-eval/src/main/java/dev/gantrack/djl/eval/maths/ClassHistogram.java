package dev.gantrack.djl.eval.maths;

/**
 * Counts of the class a classifier predicts for each generated sample (its arg max), with how many
 * predictions were confident (top probability at least a threshold): the classes (or, on Stacked
 * MNIST, modes) the generator covers and how evenly. With {@code q_c} the share of samples predicted
 * as class c of K, the divergence from a uniform spread is
 * {@code KL(q ‖ 1/K) = Σ_{c: q_c > 0} q_c · ln(q_c · K)}: 0 when every class is as frequent, ln K when
 * one class takes every sample.
 */
public final class ClassHistogram {
  private final long[] counts;
  private final long[] confident;
  private long total;
  private long confidentTotal;

  /** An empty histogram over {@code classes} classes. */
  public ClassHistogram(int classes) {
    this.counts = new long[classes];
    this.confident = new long[classes];
  }

  /** Counts one sample predicted as {@code predicted}, confidently or not. */
  public void add(int predicted, boolean isConfident) {
    counts[predicted]++;
    total++;
    if (isConfident) {
      confident[predicted]++;
      confidentTotal++;
    }
  }

  /** Samples counted. */
  public long total() {
    return total;
  }

  /** Classes predicted at least once. */
  public int seen() {
    return nonZero(counts);
  }

  /** Classes predicted confidently at least once. */
  public int seenConfidently() {
    return nonZero(confident);
  }

  /** The share of samples predicted confidently, in [0, 1]. */
  public double confidentShare() {
    return total == 0 ? 0 : (double) confidentTotal / total;
  }

  /** KL(q ‖ uniform) of the predicted classes; NaN before any sample. */
  public double klToUniform() {
    if (total == 0) {
      return Double.NaN;
    }
    double kl = 0;
    for (long c : counts) {
      if (c > 0) {
        double q = (double) c / total;
        kl += q * Math.log(q * counts.length);
      }
    }
    return kl;
  }

  private static int nonZero(long[] counts) {
    int n = 0;
    for (long c : counts) {
      n += c > 0 ? 1 : 0;
    }
    return n;
  }
}
