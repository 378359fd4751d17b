package dev.gantrack.djl.builtins.spectral;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.djl.spi.WeightTransform;
import dev.gantrack.djl.spi.state.RunState;
import dev.gantrack.djl.spi.state.StateReader;
import dev.gantrack.djl.spi.state.StateWriter;

/**
 * W / σ(W) for one weight, σ = uᵀ W v from a power iteration whose vectors u (rows) and v (columns)
 * live as long as the weight (allocated in its manager) and are updated in place. The iteration
 * runs on a detached W (no graph); σ is computed from W with gradient flowing through W while u
 * and v are constants, as in PyTorch. u and v are its {@link RunState}: saved in checkpoints, restored
 * in place on resume.
 */
final class SpectralNormTransform implements WeightTransform, RunState {
  /** Power-iteration rounds on the initial weight (torch.nn.utils.parametrizations.spectral_norm does 15). */
  static final int WARM_UP = 15;
  private static final NDIndex ALL = new NDIndex(":");
  private final NDArray u;
  private final NDArray v;
  private final int outputDim;
  private final int iterations;
  private final double epsilon;

  SpectralNormTransform(NDArray weight, int outputDim, int iterations, double epsilon) {
    this.outputDim = outputDim;
    this.iterations = iterations;
    this.epsilon = epsilon;
    Shape s = weight.getShape();
    long rows = s.get(outputDim);
    long cols = s.size() / rows;
    NDManager m = weight.getManager();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray u0 = unit(m.randomNormal(0f, 1f, new Shape(rows), DataType.FLOAT32));
      NDArray v0 = unit(m.randomNormal(0f, 1f, new Shape(cols), DataType.FLOAT32));
      u = u0.duplicate();
      v = v0.duplicate();
      NDScope.unregister(u, v);
      iterate(matrix(weight).stopGradient(), WARM_UP);
    }
  }

  /** The weight as a (out, rest) matrix. */
  NDArray matrix(NDArray weight) {
    Shape s = weight.getShape();
    NDArray w = weight;
    if (outputDim != 0) {
      int[] axes = new int[s.dimension()];
      axes[0] = outputDim;
      for (int i = 1, j = 0; i < axes.length; i++, j++) {
        axes[i] = j == outputDim ? ++j : j;
      }
      w = weight.transpose(axes);
    }
    return w.reshape(s.get(outputDim), -1);
  }

  private NDArray unit(NDArray x) {
    return x.normalize(2, 0, epsilon);
  }

  /** Runs {@code n} rounds on the detached matrix and stores the result in u and v in place. */
  private NDArray[] iterate(NDArray detached, int n) {
    NDArray uu = u;
    NDArray vv = v;
    for (int i = 0; i < n; i++) {
      vv = unit(detached.transpose().matMul(uu));
      uu = unit(detached.matMul(vv));
    }
    u.set(ALL, uu);
    v.set(ALL, vv);
    return new NDArray[] {uu, vv};
  }

  @Override
  public NDArray apply(NDArray weight, boolean training) {
    NDArray w = matrix(weight);
    NDArray uu = u;
    NDArray vv = v;
    if (training) {
      // fresh arrays, not u and v themselves: a later in-place update must not touch this pass's graph
      NDArray[] fresh = iterate(w.stopGradient(), iterations);
      uu = fresh[0];
      vv = fresh[1];
    }
    NDArray sigma = w.matMul(vv).mul(uu).sum();
    return weight.div(sigma);
  }

  @Override
  public void save(StateWriter out) {
    out.array("u", u);
    out.array("v", v);
  }

  @Override
  public void restore(StateReader in) {
    in.arrayInto("u", u);
    in.arrayInto("v", v);
  }

  /** The left power-iteration vector (for tests: the same array for the transform's life). */
  NDArray u() {
    return u;
  }

  /** The right power-iteration vector. */
  NDArray v() {
    return v;
  }
}
