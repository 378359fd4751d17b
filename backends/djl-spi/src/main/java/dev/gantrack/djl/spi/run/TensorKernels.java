package dev.gantrack.djl.spi.run;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.PublicApi;
import java.util.List;

/**
 * The engine's fused operations that DJL's engine-neutral {@link NDArray} interface lacks, bound in
 * every DJL run ({@code run.get(TensorKernels.class)}). An optimizer written against these runs
 * PyTorch's native kernels without depending on the PyTorch engine's classes. Every method works in
 * place on the arrays it is given and allocates nothing that outlives the call, except the
 * multi-tensor updates, which bind their arrays once and live as long as the run.
 *
 * <p>Multi-tensor updates ({@link #adam}, {@link #sgd}, {@link #rmsprop}) are PyTorch's
 * {@code foreach}/fused optimizer steps: bound once to a network's parameter arrays and the state
 * arrays the optimizer owns (same order, same shapes, made up front), each {@link
 * MultiTensorUpdate#apply} updates every parameter in place from its gradient and clears the
 * gradients, in a few calls into the engine whatever the number of parameters, with {@code
 * torch.optim}'s formulas. Every parameter must have a gradient (take part in the loss).
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

  /**
   * {@code torch.optim.Adam} ({@code decoupled} false: L2 weight decay added to the gradient) or {@code
   * AdamW} ({@code decoupled} true: {@code w ← w·(1 − lr·wd)} first) over {@code weights}, with first and
   * second moments {@code means} and {@code variances}; bias correction from the update count.
   */
  MultiTensorUpdate adam(List<NDArray> weights, List<NDArray> means, List<NDArray> variances, double beta1,
      double beta2, double epsilon, double weightDecay, boolean decoupled);

  /**
   * {@code torch.optim.SGD} over {@code weights}: momentum buffers (empty when {@code momentum} is 0) set
   * to the gradient at update 1, then {@code b ← μ·b + (1 − dampening)·d}; Nesterov or plain.
   */
  MultiTensorUpdate sgd(List<NDArray> weights, List<NDArray> momentumBuffers, double momentum, double dampening,
      double weightDecay, boolean nesterov);

  /**
   * {@code torch.optim.RMSprop} over {@code weights}: {@code gradientAverages} is empty unless {@code
   * centered}, {@code momentumBuffers} empty when {@code momentum} is 0.
   */
  MultiTensorUpdate rmsprop(List<NDArray> weights, List<NDArray> squareAverages, List<NDArray> gradientAverages,
      List<NDArray> momentumBuffers, double alpha, double epsilon, double weightDecay, double momentum,
      boolean centered);

  /** One bound multi-tensor update; the run frees it. */
  interface MultiTensorUpdate {
    /** Updates every bound parameter from its gradient at {@code learningRate}, update {@code updateCount} (from 1), and clears the gradients. */
    void apply(double learningRate, long updateCount);

    /**
     * The same update with the gradients of the scalar {@code loss} with respect to the bound parameters,
     * computed in the same native call ({@code torch.autograd.grad}) instead of read from their {@code
     * .grad}: {@code loss}'s backward pass must not have run; it runs here and frees {@code loss}'s graph.
     * No parameter's {@code .grad} is written, read or cleared, and parameters outside the bound list get
     * no gradient computed. Call it outside any gradient collector; {@code loss} stays the caller's.
     */
    void applyFromLoss(NDArray loss, double learningRate, long updateCount);
  }
}
