package dev.gantrack.djl.eval.maths;

/**
 * Multi-scale structural similarity (Wang, Simoncelli and Bovik 2003) of two images, as AC-GAN
 * (Odena et al. 2017) uses the mean over pairs of generated samples to measure their diversity (higher
 * means more alike; collapse drives it up). Per channel, then averaged over channels; values are
 * taken as in [-1, 1] (dynamic range 2, so C1 = (0.01·2)², C2 = (0.03·2)²), with an 11×11 Gaussian window
 * of σ = 1.5 over the valid region, and 2×2 average pooling between scales.
 *
 * <p>The standard weights (0.0448, 0.2856, 0.3001, 0.2363, 0.1333) assume five scales, which needs
 * images of at least 176 pixels; smaller images (MNIST's 28) use as many scales as keep the window
 * inside the image (2 for 28×28) and the first weights renormalised to sum to 1. Negative contrast
 * terms count as 0 (as TensorFlow's {@code ssim_multiscale}), so the result lies in [0, 1].
 */
public final class MsSsim {
  static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
  private static final int WINDOW = 11;
  private static final double SIGMA = 1.5;
  private static final double C1 = Math.pow(0.01 * 2, 2);
  private static final double C2 = Math.pow(0.03 * 2, 2);

  private final int channels;
  private final int height;
  private final int width;
  private final int window;
  private final double[] kernel;
  private final double[] weights;

  /** For images of shape (channels, height, width). */
  public MsSsim(int channels, int height, int width) {
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.window = Math.min(WINDOW, oddAtMost(Math.min(height, width)));
    int scales = 1;
    while (scales < WEIGHTS.length && Math.min(height, width) >> scales >= window) {
      scales++;
    }
    double sum = 0;
    for (int s = 0; s < scales; s++) {
      sum += WEIGHTS[s];
    }
    this.weights = new double[scales];
    for (int s = 0; s < scales; s++) {
      weights[s] = WEIGHTS[s] / sum;
    }
    this.kernel = gaussian(window, SIGMA);
  }

  /** Scales used for these images. */
  public int scales() {
    return weights.length;
  }

  /** MS-SSIM of the images at {@code a[aOffset..]} and {@code b[bOffset..]}, each channels×height×width floats. */
  public double between(float[] a, int aOffset, float[] b, int bOffset) {
    double total = 0;
    int plane = height * width;
    for (int c = 0; c < channels; c++) {
      double[] x = new double[plane];
      double[] y = new double[plane];
      for (int i = 0; i < plane; i++) {
        x[i] = a[aOffset + c * plane + i];
        y[i] = b[bOffset + c * plane + i];
      }
      total += channel(x, y, height, width);
    }
    return total / channels;
  }

  private double channel(double[] x, double[] y, int h, int w) {
    double result = 1;
    for (int s = 0; s < weights.length; s++) {
      double[] terms = terms(x, y, h, w);
      double value = s == weights.length - 1 ? terms[0] : terms[1];
      result *= Math.pow(Math.max(0, value), weights[s]);
      if (s < weights.length - 1) {
        x = halve(x, h, w);
        y = halve(y, h, w);
        h /= 2;
        w /= 2;
      }
    }
    return result;
  }

  /** {mean SSIM, mean contrast-structure term} over the valid window positions of one scale. */
  private double[] terms(double[] x, double[] y, int h, int w) {
    double[] mx = filter(x, h, w);
    double[] my = filter(y, h, w);
    double[] xx = filter(product(x, x), h, w);
    double[] yy = filter(product(y, y), h, w);
    double[] xy = filter(product(x, y), h, w);
    double ssim = 0;
    double cs = 0;
    for (int i = 0; i < mx.length; i++) {
      double vx = xx[i] - mx[i] * mx[i];
      double vy = yy[i] - my[i] * my[i];
      double cov = xy[i] - mx[i] * my[i];
      double contrast = (2 * cov + C2) / (vx + vy + C2);
      double luminance = (2 * mx[i] * my[i] + C1) / (mx[i] * mx[i] + my[i] * my[i] + C1);
      cs += contrast;
      ssim += luminance * contrast;
    }
    return new double[] {ssim / mx.length, cs / mx.length};
  }

  /** Separable Gaussian filter over the valid region: (h − window + 1) × (w − window + 1). */
  private double[] filter(double[] v, int h, int w) {
    int oh = h - window + 1;
    int ow = w - window + 1;
    double[] rows = new double[h * ow];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < ow; c++) {
        double s = 0;
        for (int k = 0; k < window; k++) {
          s += kernel[k] * v[r * w + c + k];
        }
        rows[r * ow + c] = s;
      }
    }
    double[] out = new double[oh * ow];
    for (int r = 0; r < oh; r++) {
      for (int c = 0; c < ow; c++) {
        double s = 0;
        for (int k = 0; k < window; k++) {
          s += kernel[k] * rows[(r + k) * ow + c];
        }
        out[r * ow + c] = s;
      }
    }
    return out;
  }

  private static double[] product(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] * b[i];
    }
    return out;
  }

  /** 2×2 average pooling (an odd last row or column is dropped). */
  private static double[] halve(double[] v, int h, int w) {
    int oh = h / 2;
    int ow = w / 2;
    double[] out = new double[oh * ow];
    for (int r = 0; r < oh; r++) {
      for (int c = 0; c < ow; c++) {
        out[r * ow + c] = (v[2 * r * w + 2 * c] + v[2 * r * w + 2 * c + 1] + v[(2 * r + 1) * w + 2 * c]
            + v[(2 * r + 1) * w + 2 * c + 1]) / 4;
      }
    }
    return out;
  }

  private static double[] gaussian(int size, double sigma) {
    double[] g = new double[size];
    double sum = 0;
    for (int i = 0; i < size; i++) {
      double d = i - (size - 1) / 2.0;
      g[i] = Math.exp(-d * d / (2 * sigma * sigma));
      sum += g[i];
    }
    for (int i = 0; i < size; i++) {
      g[i] /= sum;
    }
    return g;
  }

  private static int oddAtMost(int n) {
    return n % 2 == 1 ? n : n - 1;
  }
}
