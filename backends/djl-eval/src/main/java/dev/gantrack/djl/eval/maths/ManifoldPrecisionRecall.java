package dev.gantrack.djl.eval.maths;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019): each set of feature vectors spans a
 * manifold, the union of balls around its vectors with radius the distance to the vector's k-th
 * nearest neighbour in its own set (k = 3 in the paper). Precision is the share of generated vectors
 * inside the real manifold, recall the share of real vectors inside the generated one. Distances
 * are computed in blocks of rows, so memory stays at {@code block × n}.
 */
public final class ManifoldPrecisionRecall {
  /** The paper's neighbourhood size. */
  public static final int K = 3;
  private static final int BLOCK = 1000;

  private ManifoldPrecisionRecall() {}

  /** Precision and recall, each in [0, 1]. */
  public record Result(double precision, double recall) {}

  /** Precision and recall of {@code generated} (n1, d) against {@code real} (n2, d) with neighbourhood {@code k}. */
  public static Result of(NDArray real, NDArray generated, int k) {
    NDArray realRadii = kthNeighbourSquaredDistances(real, k);
    NDArray generatedRadii = kthNeighbourSquaredDistances(generated, k);
    return new Result(coveredShare(generated, real, realRadii), coveredShare(real, generated, generatedRadii));
  }

  /** For each vector of {@code x} (n, d), n > k, the squared distance to its k-th nearest other vector. */
  static NDArray kthNeighbourSquaredDistances(NDArray x, int k) {
    long n = x.getShape().get(0);
    if (n <= k) {
      throw new IllegalArgumentException("k-NN radii with k = " + k + " need more than " + k + " vectors, not " + n);
    }
    NDManager manager = x.getManager();
    NDArray norms = x.square().sum(new int[] {1});
    NDArray out = manager.zeros(new ai.djl.ndarray.types.Shape(n), DataType.FLOAT32);
    for (long from = 0; from < n; from += BLOCK) {
      long to = Math.min(n, from + BLOCK);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray rows = x.get(new NDIndex(from + ":" + to));
        NDArray d2 = squaredDistances(rows, norms.get(new NDIndex(from + ":" + to)), x, norms);
        // the k + 1 smallest include the vector itself (distance 0)
        NDArray kth = d2.topK(k + 1, 1, false, true).get(0).get(new NDIndex(":, " + k));
        out.set(new NDIndex(from + ":" + to), kth);
      }
    }
    return out;
  }

  /** The share of rows of {@code query} within the radius (squared, per vector) of some vector of {@code reference}. */
  static double coveredShare(NDArray query, NDArray reference, NDArray squaredRadii) {
    long n = query.getShape().get(0);
    NDArray queryNorms = query.square().sum(new int[] {1});
    NDArray referenceNorms = reference.square().sum(new int[] {1});
    NDArray radii = squaredRadii.reshape(1, -1);
    long covered = 0;
    for (long from = 0; from < n; from += BLOCK) {
      long to = Math.min(n, from + BLOCK);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray d2 = squaredDistances(query.get(new NDIndex(from + ":" + to)), queryNorms.get(new NDIndex(from + ":" + to)),
            reference, referenceNorms);
        covered += d2.lte(radii).toType(DataType.INT32, false).max(new int[] {1}).sum().toType(DataType.INT64, false).getLong();
      }
    }
    return (double) covered / n;
  }

  /** ‖a_i − b_j‖², from ‖a‖², ‖b‖² and a bᵀ, clipped at 0 against rounding. */
  private static NDArray squaredDistances(NDArray a, NDArray aNorms, NDArray b, NDArray bNorms) {
    return aNorms.reshape(-1, 1).add(bNorms.reshape(1, -1)).sub(a.matMul(b.transpose()).mul(2)).maximum(0);
  }
}
