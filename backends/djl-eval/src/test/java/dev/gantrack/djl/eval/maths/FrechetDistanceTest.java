package dev.gantrack.djl.eval.maths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FID against independent computations: a closed form, scipy's sqrtm (pytorch-fid's way), its own properties. */
class FrechetDistanceTest {
  private static NDManager manager;

  @BeforeAll
  static void engine() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /** A rotation of 3-space (Rodrigues' formula about a unit axis). */
  private static double[][] rotation(double ax, double ay, double az, double angle) {
    double n = Math.sqrt(ax * ax + ay * ay + az * az);
    double x = ax / n, y = ay / n, z = az / n, c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
    return new double[][] {
        {t * x * x + c, t * x * y - s * z, t * x * z + s * y},
        {t * x * y + s * z, t * y * y + c, t * y * z - s * x},
        {t * x * z - s * y, t * y * z + s * x, t * z * z + c}};
  }

  /** n samples of N(mean, Q diag(variances) Qᵀ), row-major. */
  private static float[] sample(Random r, int n, double[] mean, double[][] q, double[] variances) {
    float[] out = new float[n * 3];
    for (int i = 0; i < n; i++) {
      double[] z = {r.nextGaussian() * Math.sqrt(variances[0]), r.nextGaussian() * Math.sqrt(variances[1]),
          r.nextGaussian() * Math.sqrt(variances[2])};
      for (int a = 0; a < 3; a++) {
        out[i * 3 + a] = (float) (mean[a] + q[a][0] * z[0] + q[a][1] * z[1] + q[a][2] * z[2]);
      }
    }
    return out;
  }

  private static Gaussian fit(float[] x) {
    return Gaussian.fit(manager.create(x, new Shape(x.length / 3, 3)));
  }

  @Test
  void fidOfSamplesOfTwoGaussiansMatchesTheClosedFormWithinSamplingError() {
    // commuting covariances Σ1 = Q diag(a) Qᵀ, Σ2 = Q diag(b) Qᵀ (full matrices, not diagonal):
    // FID = ‖μ1 − μ2‖² + Σ (√a_i − √b_i)²
    double[][] q = rotation(1, 2, 3, 0.7);
    double[] a = {1.0, 4.0, 0.25};
    double[] b = {2.25, 1.0, 1.0};
    double[] m1 = {0, 0, 0};
    double[] m2 = {1.0, -0.5, 0.25};
    double closed = 1.0 + 0.25 + 0.0625;
    for (int i = 0; i < 3; i++) {
      closed += Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
    }
    Random r = new Random(7);
    int n = 400_000;
    double fid = FrechetDistance.between(fit(sample(r, n, m1, q, a)), fit(sample(r, n, m2, q, b)));
    // the estimate's standard deviation at n = 400,000 is about 0.007 here (the mean term dominates)
    assertEquals(closed, fid, 0.02, "closed form " + closed);
  }

  @Test
  void fidOfASampleWithItselfIsZeroAndFidIsSymmetric() {
    Random r = new Random(3);
    double[][] q = rotation(3, -1, 2, 1.1);
    Gaussian x = fit(sample(r, 5000, new double[] {0.5, 0, -1}, q, new double[] {1, 2, 3}));
    Gaussian y = fit(sample(r, 5000, new double[] {0, 1, 0}, rotation(1, 1, 0, 0.3), new double[] {0.5, 1, 4}));
    assertEquals(0, FrechetDistance.between(x, x), 1e-9);
    double xy = FrechetDistance.between(x, y);
    assertTrue(xy > 1, "distinct Gaussians are apart: " + xy);
    assertEquals(xy, FrechetDistance.between(y, x), 1e-9 * xy);
  }

  @Test
  void fidMatchesPytorchFidsScipySqrtmOnNonCommutingCovariances() {
    Random r = new Random(11);
    int d = 6;
    double[] s1 = randomCovariance(r, d);
    double[] s2 = randomCovariance(r, d);
    double[] m1 = new double[d];
    double[] m2 = new double[d];
    for (int i = 0; i < d; i++) {
      m1[i] = r.nextGaussian();
      m2[i] = r.nextGaussian();
    }
    double ours = FrechetDistance.between(new Gaussian(m1, s1, 100), new Gaussian(m2, s2, 100));
    ObjectNode job = Reference.job("fid");
    Reference.vector(job, "mu1", m1);
    Reference.vector(job, "mu2", m2);
    Reference.matrix(job, "sigma1", s1, d);
    Reference.matrix(job, "sigma2", s2, d);
    double scipy = Reference.run(job).asDouble();
    assertEquals(scipy, ours, 1e-8 * Math.abs(scipy), "scipy.linalg.sqrtm gives " + scipy);
  }

  @Test
  void theGaussianIsTheMeanAndTheUnbiasedCovariance() {
    float[] x = {1, 2, 3, 4, 5, 9, 0, 0, 0, 2, 2, 0};
    Gaussian g = fit(x);
    // by hand: columns (1, 4, 0, 2), (2, 5, 0, 2), (3, 9, 0, 0)
    assertEquals(1.75, g.mean()[0], 1e-12);
    assertEquals(2.25, g.mean()[1], 1e-12);
    assertEquals(3.0, g.mean()[2], 1e-12);
    double var0 = (Math.pow(1 - 1.75, 2) + Math.pow(4 - 1.75, 2) + Math.pow(1.75, 2) + Math.pow(2 - 1.75, 2)) / 3;
    double cov02 = ((1 - 1.75) * (3 - 3) + (4 - 1.75) * (9 - 3) + (0 - 1.75) * (0 - 3) + (2 - 1.75) * (0 - 3)) / 3;
    assertEquals(var0, g.covariance()[0], 1e-12);
    assertEquals(cov02, g.covariance()[2], 1e-12);
    assertEquals(cov02, g.covariance()[6], 1e-12);
  }

  /** A A ᵀ / d + I/10 for a random A: symmetric positive definite. */
  private static double[] randomCovariance(Random r, int d) {
    double[] a = new double[d * d];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextGaussian();
    }
    double[] s = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double v = 0;
        for (int k = 0; k < d; k++) {
          v += a[i * d + k] * a[j * d + k];
        }
        s[i * d + j] = v / d + (i == j ? 0.1 : 0);
      }
    }
    return s;
  }
}
