package dev.gantrack.djl.builtins.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.gantrack.djl.spi.run.TensorKernels;
import java.util.List;
import java.util.Map;

/**
 * SGD as {@code torch.optim.SGD} computes it (PyTorch's fused multi-tensor kernel): {@code d = g + wd·w};
 * with momentum μ, {@code b ← d} at update 1 and {@code b ← μ·b + (1 − dampening)·d} after, and
 * {@code d = d + μ·b} (Nesterov) or {@code d = b}; then {@code w ← w − lr·d}. State: {@link
 * #momentumBuffers} (b), one array per parameter in parameter order, none without momentum.
 */
final class SgdOptimizer extends MultiTensorOptimizer {
  final List<NDArray> momentumBuffers;

  SgdOptimizer(List<Parameter> parameters, OptimizerOptions options, LearningRateSchedule schedule,
      TensorKernels kernels) {
    super(parameters, schedule);
    this.momentumBuffers = buffers(options.momentum() != 0);
    bind(kernels.sgd(weights(), momentumBuffers, options.momentum(), options.dampening(), options.weightDecay(),
        options.nesterov()));
  }

  @Override
  protected Map<String, NDArray> stateArrays() {
    return named("momentum", momentumBuffers);
  }
}
