package dev.gantrack.djl.builtins.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.gantrack.djl.spi.run.TensorKernels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam and AdamW as {@code torch.optim.Adam} / {@code AdamW} compute them (PyTorch's fused multi-tensor
 * kernel): {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²},
 * {@code w ← w − lr·(m/(1−β1ᵗ)) / (√v/√(1−β2ᵗ) + ε)}; Adam adds {@code wd·w} to {@code g}, AdamW first
 * shrinks {@code w ← w·(1 − lr·wd)}. State: {@link #means} (m) and {@link #variances} (v), one array per
 * parameter in parameter order.
 */
final class AdamOptimizer extends MultiTensorOptimizer {
  final List<NDArray> means;
  final List<NDArray> variances;

  AdamOptimizer(List<Parameter> parameters, OptimizerOptions options, LearningRateSchedule schedule,
      TensorKernels kernels) {
    super(parameters, schedule);
    this.means = buffers(true);
    this.variances = buffers(true);
    bind(kernels.adam(weights(), means, variances, options.beta1(), options.beta2(), options.epsilon(),
        options.weightDecay(), options.optimizer().equals("adamw")));
  }

  @Override
  protected Map<String, NDArray> stateArrays() {
    Map<String, NDArray> out = new LinkedHashMap<>(named("mean", means));
    out.putAll(named("variance", variances));
    return out;
  }
}
