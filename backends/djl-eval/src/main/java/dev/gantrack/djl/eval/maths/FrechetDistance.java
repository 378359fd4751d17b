package dev.gantrack.djl.eval.maths;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet distance between two Gaussians (Heusel et al. 2017, FID on a feature extractor's
 * features): {@code ‖μ1 − μ2‖² + tr(Σ1) + tr(Σ2) − 2 tr((Σ1 Σ2)^½)}.
 *
 * <p>The trace of the square root is taken in its symmetric form, {@code tr((Σ1^½ Σ2 Σ1^½)^½)}, which
 * has the same eigenvalues as {@code Σ1 Σ2} but is symmetric positive semi-definite: both square roots
 * come from EJML's symmetric eigendecomposition (eigenvalues that rounding makes slightly negative
 * count as 0). pytorch-fid instead runs scipy's {@code sqrtm} on the non-symmetric product and keeps
 * the real part; the two agree to rounding on well-conditioned covariances, and a test checks them
 * against each other.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /** FID between {@code a} and {@code b}; symmetric, 0 for equal Gaussians. */
  public static double between(Gaussian a, Gaussian b) {
    int d = a.dimension();
    if (b.dimension() != d) {
      throw new IllegalArgumentException("features of " + d + " and " + b.dimension() + " dimensions");
    }
    double meanTerm = 0;
    for (int i = 0; i < d; i++) {
      double diff = a.mean()[i] - b.mean()[i];
      meanTerm += diff * diff;
    }
    DMatrixRMaj s1 = DMatrixRMaj.wrap(d, d, a.covariance().clone());
    DMatrixRMaj s2 = DMatrixRMaj.wrap(d, d, b.covariance().clone());
    DMatrixRMaj root1 = symmetricSquareRoot(s1);
    DMatrixRMaj tmp = new DMatrixRMaj(d, d);
    DMatrixRMaj m = new DMatrixRMaj(d, d);
    CommonOps_DDRM.mult(root1, s2, tmp);
    CommonOps_DDRM.mult(tmp, root1, m);
    double traceRoot = 0;
    for (double eigenvalue : symmetricEigenvalues(m)) {
      traceRoot += Math.sqrt(Math.max(0, eigenvalue));
    }
    return meanTerm + CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2) - 2 * traceRoot;
  }

  /** V diag(√max(λ, 0)) Vᵀ for symmetric {@code s} = V diag(λ) Vᵀ. */
  static DMatrixRMaj symmetricSquareRoot(DMatrixRMaj s) {
    int d = s.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = decompose(s, true);
    DMatrixRMaj vectors = new DMatrixRMaj(d, d);
    DMatrixRMaj scaled = new DMatrixRMaj(d, d);
    for (int k = 0; k < d; k++) {
      double root = Math.sqrt(Math.max(0, eig.getEigenvalue(k).getReal()));
      DMatrixRMaj v = eig.getEigenVector(k);
      for (int i = 0; i < d; i++) {
        vectors.set(i, k, v.get(i, 0));
        scaled.set(i, k, v.get(i, 0) * root);
      }
    }
    DMatrixRMaj out = new DMatrixRMaj(d, d);
    CommonOps_DDRM.multTransB(scaled, vectors, out);
    return out;
  }

  private static double[] symmetricEigenvalues(DMatrixRMaj s) {
    EigenDecomposition_F64<DMatrixRMaj> eig = decompose(s, false);
    double[] out = new double[s.numRows];
    for (int k = 0; k < out.length; k++) {
      out[k] = eig.getEigenvalue(k).getReal();
    }
    return out;
  }

  private static EigenDecomposition_F64<DMatrixRMaj> decompose(DMatrixRMaj s, boolean vectors) {
    DMatrixRMaj symmetric = s.copy();
    CommonOps_DDRM.transpose(s, symmetric);
    CommonOps_DDRM.add(0.5, s, 0.5, symmetric, symmetric); // rounding can make products slightly asymmetric
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(s.numRows, vectors, true);
    if (!eig.decompose(symmetric)) {
      throw new IllegalStateException("the eigendecomposition of a " + s.numRows + "×" + s.numRows + " covariance failed");
    }
    return eig;
  }
}
