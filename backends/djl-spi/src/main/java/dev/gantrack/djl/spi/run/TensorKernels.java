package dev.gantrack.djl.spi.run;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.PublicApi;
import java.util.List;

/**
 * The engine's fused operations that DJL's engine-neutral {@link NDArray} interface lacks, bound in
 * every DJL run ({@code run.get(TensorKernels.class)}). An optimizer written against these runs
 * PyTorch's native kernels without depending on the PyTorch engine's classes. Every method works in
 * place on the arrays it is given and allocates nothing that outlives the call.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface TensorKernels {
  /** Sets the gradient of each array to zero, in place; every array must be one that records a gradient. */
  void zeroGradients(List<NDArray> arrays);

  /**
   * Runs {@code action} with the engine's gradient recording off, as in-place changes of parameters
   * must be (they are part of no graph), and restores the mode it found.
   */
  void withoutGradientRecording(Runnable action);

  /**
   * One Adam or AdamW step of one parameter, in place (PyTorch's fused per-tensor update):
   * {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²},
   * {@code w ← w − correctedLearningRate · m / (√v + ε)}, with L2 weight decay added to {@code g}
   * ({@code decoupled} false) or applied as {@code w ← w·(1 − learningRate·weightDecay)} first
   * ({@code decoupled} true). Does not clear the gradient.
   */
  void adamUpdate(NDArray weight, NDArray gradient, NDArray mean, NDArray variance, float learningRate,
      float correctedLearningRate, float weightDecay, float beta1, float beta2, float epsilon, boolean decoupled);
}
