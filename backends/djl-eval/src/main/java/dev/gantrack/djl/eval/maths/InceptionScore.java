package dev.gantrack.djl.eval.maths;

/**
 * The Inception Score (Salimans et al. 2016) of class probabilities p(y|x) of generated samples:
 * {@code exp(E_x KL(p(y|x) ‖ p(y)))}, with p(y) the mean over the split, computed on {@code splits}
 * consecutive equal splits (the remainder left out, as torch-fidelity does) and reported as the mean
 * and standard deviation (ddof 0) over splits. It lies between 1 (every sample gets the same
 * prediction, or predictions are uniform) and the number of classes (confident predictions spread
 * evenly over all classes). torch-fidelity shuffles the samples first; generated samples are drawn
 * independently, so this takes them in order.
 */
public final class InceptionScore {
  /** Splits, as torch-fidelity and the original code. */
  public static final int SPLITS = 10;

  private InceptionScore() {}

  /** Mean and standard deviation over splits. */
  public record Estimate(double mean, double std) {}

  /** IS of {@code probabilities} (n rows of {@code classes}, row-major) over {@code splits} splits. */
  public static Estimate of(float[] probabilities, int classes, int splits) {
    int n = probabilities.length / classes;
    int per = n / splits;
    if (per < 1) {
      throw new IllegalArgumentException(n + " samples cannot make " + splits + " splits");
    }
    double[] scores = new double[splits];
    for (int s = 0; s < splits; s++) {
      double[] marginal = new double[classes];
      for (int i = s * per; i < (s + 1) * per; i++) {
        for (int c = 0; c < classes; c++) {
          marginal[c] += probabilities[i * classes + c] / (double) per;
        }
      }
      double kl = 0;
      for (int i = s * per; i < (s + 1) * per; i++) {
        for (int c = 0; c < classes; c++) {
          double p = probabilities[i * classes + c];
          if (p > 0) {
            kl += p * (Math.log(p) - Math.log(marginal[c]));
          }
        }
      }
      scores[s] = Math.exp(kl / per);
    }
    double mean = 0;
    for (double v : scores) {
      mean += v / splits;
    }
    double var = 0;
    for (double v : scores) {
      var += (v - mean) * (v - mean) / splits;
    }
    return new Estimate(mean, Math.sqrt(var));
  }
}
