package dev.gantrack.djl.builtins.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.gantrack.djl.spi.optim.ParameterOptimizer;
import dev.gantrack.djl.spi.run.TensorKernels;
import java.util.List;

/**
 * The test oracle: gantrack's per-tensor Adam/AdamW as it was before the multi-tensor update (one
 * update per parameter through {@link ParameterOptimizer}), kept to check the multi-tensor one step by step.
 *
 * <p>Adam and AdamW (torch.optim.Adam / AdamW) with DJL's fused per-tensor native update:
 * {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²},
 * {@code w ← w − lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε)}; Adam adds {@code wd·w} to {@code g},
 * AdamW first shrinks {@code w ← w·(1 − lr·wd)}. The native update folds the bias corrections into
 * the step size, {@code lr·√(1−β2ᵗ)/(1−β1ᵗ)·m/(√v + ε')}; passing {@code ε' = ε·√(1−β2ᵗ)} makes it
 * PyTorch's formula exactly.
 */
final class PerTensorAdam extends ParameterOptimizer {
  private final List<NDArray> means;
  private final List<NDArray> variances;
  private final OptimizerOptions options;
  private final boolean decoupledWeightDecay;

  PerTensorAdam(List<Parameter> parameters, OptimizerOptions options, LearningRateSchedule schedule, TensorKernels kernels) {
    super(parameters, schedule::at, kernels);
    this.options = options;
    this.decoupledWeightDecay = options.optimizer().equals("adamw");
    this.means = buffers();
    this.variances = buffers();
  }

  @Override
  protected void update(int i, NDArray w, NDArray g, double lr, long t) {
    double coef1 = 1.0 - Math.pow(options.beta1(), t);
    double coef2 = 1.0 - Math.pow(options.beta2(), t);
    float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
    float epsilon = (float) (options.epsilon() * Math.sqrt(coef2));
    kernels().adamUpdate(w, g, means.get(i), variances.get(i), (float) lr, corrected,
        options.weightDecay().floatValue(), options.beta1().floatValue(), options.beta2().floatValue(),
        epsilon, decoupledWeightDecay);
  }
}
