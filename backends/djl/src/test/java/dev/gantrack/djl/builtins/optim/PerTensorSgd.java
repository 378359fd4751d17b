package dev.gantrack.djl.builtins.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.gantrack.djl.spi.optim.ParameterOptimizer;
import dev.gantrack.djl.spi.run.TensorKernels;
import java.util.List;

/**
 * The test oracle: gantrack's per-tensor SGD as it was before the multi-tensor update (one
 * update per parameter through {@link ParameterOptimizer}), kept to check the multi-tensor one step by step.
 *
 * <p>SGD as torch.optim.SGD, with tensor ops: {@code d = g + wd·w}; with momentum μ,
 * {@code b ← d} at the first update and {@code b ← μ·b + (1 − dampening)·d} after, and
 * {@code d = d + μ·b} (Nesterov) or {@code d = b}; then {@code w ← w − lr·d}. (DJL's native
 * sgdUpdate keeps {@code lr} inside the momentum buffer and has no dampening or Nesterov, so it
 * differs from PyTorch as soon as the learning rate changes.)
 */
final class PerTensorSgd extends ParameterOptimizer {
  private final List<NDArray> momentumBuffers;
  private final float weightDecay;
  private final float momentum;
  private final float dampening;
  private final boolean nesterov;
  private boolean started;

  PerTensorSgd(List<Parameter> parameters, OptimizerOptions options, LearningRateSchedule schedule, TensorKernels kernels) {
    super(parameters, schedule::at, kernels);
    this.weightDecay = options.weightDecay().floatValue();
    this.momentum = options.momentum().floatValue();
    this.dampening = options.dampening().floatValue();
    this.nesterov = options.nesterov();
    this.momentumBuffers = momentum != 0 ? buffers() : List.of();
  }

  @Override
  protected void update(int i, NDArray w, NDArray g, double lr, long t) {
    NDArray d = weightDecay != 0 ? g.add(w.mul(weightDecay)) : g;
    if (momentum != 0) {
      NDArray b = momentumBuffers.get(i);
      if (!started) {
        b.muli(0).addi(d);
      } else {
        b.muli(momentum).addi(d.mul(1f - dampening));
      }
      d = nesterov ? d.add(b.mul(momentum)) : b;
    }
    w.subi(d.mul((float) lr));
    if (i == weights().size() - 1) {
      started = true;
    }
  }
}
