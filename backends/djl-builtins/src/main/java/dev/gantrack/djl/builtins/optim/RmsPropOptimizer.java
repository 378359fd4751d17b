package dev.gantrack.djl.builtins.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.gantrack.djl.spi.run.TensorKernels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop as {@code torch.optim.RMSprop} computes it (its multi-tensor {@code foreach} form):
 * {@code d = g + wd·w}, {@code v ← α·v + (1 − α)·d²}; centered: {@code a ← α·a + (1 − α)·d} and the
 * denominator uses {@code v − a²}; {@code q = d / (√· + ε)}; with momentum μ, {@code b ← μ·b + q} and
 * {@code q = b}; then {@code w ← w − lr·q}. State: {@link #squareAverages} (v), {@link
 * #gradientAverages} (a, centered only) and {@link #momentumBuffers} (b, with momentum only), one array
 * per parameter in parameter order.
 */
final class RmsPropOptimizer extends MultiTensorOptimizer {
  final List<NDArray> squareAverages;
  final List<NDArray> gradientAverages;
  final List<NDArray> momentumBuffers;

  RmsPropOptimizer(List<Parameter> parameters, OptimizerOptions options, LearningRateSchedule schedule,
      TensorKernels kernels) {
    super(parameters, schedule);
    this.squareAverages = buffers(true);
    this.gradientAverages = buffers(options.centered());
    this.momentumBuffers = buffers(options.momentum() != 0);
    bind(kernels.rmsprop(weights(), squareAverages, gradientAverages, momentumBuffers, options.alpha(),
        options.epsilon(), options.weightDecay(), options.momentum(), options.centered()));
  }

  @Override
  protected Map<String, NDArray> stateArrays() {
    Map<String, NDArray> out = new LinkedHashMap<>(named("square-average", squareAverages));
    out.putAll(named("gradient-average", gradientAverages));
    out.putAll(named("momentum", momentumBuffers));
    return out;
  }
}
