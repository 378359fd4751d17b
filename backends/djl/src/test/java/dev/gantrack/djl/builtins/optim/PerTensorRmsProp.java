package dev.gantrack.djl.builtins.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.gantrack.djl.spi.optim.ParameterOptimizer;
import dev.gantrack.djl.spi.run.TensorKernels;
import java.util.List;

/**
 * The test oracle: gantrack's per-tensor RMSprop as it was before the multi-tensor update (one
 * update per parameter through {@link ParameterOptimizer}), kept to check the multi-tensor one step by step.
 *
 * <p>RMSProp as torch.optim.RMSprop, with tensor ops (DJL's PyTorch engine has no RMSProp update):
 * {@code d = g + wd·w}, {@code v ← α·v + (1−α)·d²}; centered: {@code a ← α·a + (1−α)·d} and
 * {@code ṽ = v − a²}, else {@code ṽ = v}; {@code q = d/(√ṽ + ε)}; with momentum μ,
 * {@code b ← μ·b + q} and {@code w ← w − lr·b}, else {@code w ← w − lr·q}.
 */
final class PerTensorRmsProp extends ParameterOptimizer {
  private final List<NDArray> squareAverages;
  private final List<NDArray> gradientAverages;
  private final List<NDArray> momentumBuffers;
  private final float alpha;
  private final float epsilon;
  private final float weightDecay;
  private final float momentum;
  private final boolean centered;

  PerTensorRmsProp(List<Parameter> parameters, OptimizerOptions options, LearningRateSchedule schedule, TensorKernels kernels) {
    super(parameters, schedule::at, kernels);
    this.alpha = options.alpha().floatValue();
    this.epsilon = options.epsilon().floatValue();
    this.weightDecay = options.weightDecay().floatValue();
    this.momentum = options.momentum().floatValue();
    this.centered = options.centered();
    this.squareAverages = buffers();
    this.gradientAverages = centered ? buffers() : List.of();
    this.momentumBuffers = momentum != 0 ? buffers() : List.of();
  }

  @Override
  protected void update(int i, NDArray w, NDArray g, double lr, long t) {
    NDArray d = weightDecay != 0 ? g.add(w.mul(weightDecay)) : g;
    NDArray v = squareAverages.get(i);
    v.muli(alpha).addi(d.square().muli(1f - alpha));
    NDArray variance = v;
    if (centered) {
      NDArray a = gradientAverages.get(i);
      a.muli(alpha).addi(d.mul(1f - alpha));
      variance = v.sub(a.square());
    }
    NDArray q = d.div(variance.sqrt().addi(epsilon));
    if (momentum != 0) {
      NDArray b = momentumBuffers.get(i);
      b.muli(momentum).addi(q);
      q = b;
    }
    w.subi(q.mul((float) lr));
  }
}
