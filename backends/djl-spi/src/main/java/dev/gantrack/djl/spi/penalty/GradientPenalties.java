package dev.gantrack.djl.spi.penalty;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.api.PublicApi;
import dev.gantrack.djl.spi.DjlPenaltySpec;
import dev.gantrack.djl.spi.tensor.Scalars;
import java.util.Arrays;

/**
 * The math of gradient penalties on D, in one place: the zero-centred penalties {@code r1} / {@code r2}
 * and the norm-targeting penalty of WGAN-GP ({@code gp}, and the {@code wgan-gp} loss). Gradients come
 * from {@link DjlPenaltySpec.Context#inputGradient}, which keeps the graph so the penalty's own
 * gradient with respect to D's weights flows through the final backward pass (double backward).
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public final class GradientPenalties {
  // Constants are multiplied in as floats: a double would promote a float32 scalar loss to float64.
  /** Added under the square root of ‖∇D‖² so that its gradient stays finite at a zero gradient. */
  public static final float NORM_EPSILON = 1e-12f;

  private GradientPenalties() {}

  /** Per-example ‖g_i‖², shape (N), of a gradient of shape (N, ...). */
  public static NDArray squaredNorms(NDArray gradient) {
    long n = gradient.getShape().get(0);
    return gradient.square().reshape(n, -1).sum(new int[] {1});
  }

  /**
   * γ/2 · mean_i ‖∇ₓD(x_i)‖² over the examples {@code x} (R1 on reals, R2 on fakes; Mescheder et al.
   * 2018). {@code x} is copied first, so the caller's array is not made a gradient leaf.
   */
  public static NDArray zeroCentred(DjlPenaltySpec.Context context, NDArray x, NDArray labels, double gamma) {
    NDArray g = context.inputGradient(x.duplicate(), labels);
    NDArray mean = squaredNorms(g).mean();
    return mean.mul(Scalars.of(mean, gamma / 2));
  }

  /**
   * λ · mean_i (‖∇D(x̂_i)‖₂ − target)² on the interpolates x̂_i = ε_i·x_i + (1 − ε_i)·x̃_i between the
   * context's real examples x and fake examples x̃, ε_i ~ U(0, 1) drawn per example (Gulrajani et
   * al. 2017 with target 1). A conditional D judges each interpolate with its real example's label.
   */
  public static NDArray interpolated(DjlPenaltySpec.Context context, double lambda, double target) {
    NDArray real = context.real();
    NDArray fake = context.fake();
    long[] epsShape = new long[real.getShape().dimension()];
    Arrays.fill(epsShape, 1L);
    epsShape[0] = real.getShape().get(0);
    NDArray eps = context.manager().randomUniform(0f, 1f, new Shape(epsShape), real.getDataType());
    NDArray mixed = real.mul(eps).add(fake.mul(eps.neg().add(1f)));
    NDArray g = context.inputGradient(mixed, context.realLabels());
    NDArray norms = squaredNorms(g).add(NORM_EPSILON).sqrt();
    NDArray mean = norms.sub((float) target).square().mean();
    return mean.mul(Scalars.of(mean, lambda));
  }

  /** The r1 ({@code onReals}) or r2 penalty with weight γ, logged as {@code penalty_r1} / {@code penalty_r2}. */
  public static DjlPenaltySpec.Penalty zeroCentredPenalty(boolean onReals, double gamma) {
    String metric = onReals ? "penalty_r1" : "penalty_r2";
    return new DjlPenaltySpec.Penalty() {
      @Override
      public NDArray compute(DjlPenaltySpec.Context c) {
        return onReals ? zeroCentred(c, c.real(), c.realLabels(), gamma) : zeroCentred(c, c.fake(), c.fakeLabels(), gamma);
      }

      @Override
      public String metricName() {
        return metric;
      }
    };
  }
}
