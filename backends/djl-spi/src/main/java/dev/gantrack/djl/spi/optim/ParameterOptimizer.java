package dev.gantrack.djl.spi.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import dev.gantrack.api.PublicApi;
import dev.gantrack.djl.spi.DjlTturSpec;
import dev.gantrack.djl.spi.run.TensorKernels;
import dev.gantrack.djl.spi.state.RunState;
import dev.gantrack.djl.spi.state.StateReader;
import dev.gantrack.djl.spi.state.StateWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * An optimizer over a fixed parameter list: each update reads every parameter's gradient, changes
 * the parameter in place ({@link #update(int, NDArray, NDArray, double, long)}, with gradient
 * recording off), then clears the gradients. State buffers are made up front with {@link #buffer}
 * in the parameters' manager; temporaries of an update die with the update's own scope.
 *
 * <p>Its {@link RunState} is what {@link #stateArrays()} names (Adam's moments, a momentum buffer):
 * saved in checkpoints and restored in place, so an optimizer that changes how it lays out its
 * buffers (one per parameter, or flattened) changes only that method. The update count, and so the
 * learning-rate schedule's position, is the trainer's (it is passed to every {@link #update(long)}),
 * not the optimizer's.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public abstract class ParameterOptimizer implements DjlTturSpec.Optimizer, RunState {
  private final List<NDArray> weights = new ArrayList<>();
  private final LongToDoubleFunction learningRate;
  private final TensorKernels kernels;

  /**
   * @param parameters the parameters to update, in order
   * @param learningRate the learning rate at each update count (1, 2, ...)
   * @param kernels the engine's kernels (from the run: {@code run.get(TensorKernels.class)})
   */
  protected ParameterOptimizer(List<Parameter> parameters, LongToDoubleFunction learningRate, TensorKernels kernels) {
    this.learningRate = learningRate;
    this.kernels = kernels;
    for (Parameter p : parameters) {
      weights.add(p.getArray());
    }
  }

  /** The parameters' arrays, in order. */
  protected final List<NDArray> weights() {
    return weights;
  }

  /** The engine's kernels. */
  protected final TensorKernels kernels() {
    return kernels;
  }

  /** A zero buffer shaped like parameter {@code i}, owned by the parameters' manager (never by a scope). */
  protected final NDArray buffer(int i) {
    return zeroBuffer(weights.get(i));
  }

  /** Zero buffers for every parameter. */
  protected final List<NDArray> buffers() {
    return zeroBuffers(weights);
  }

  /** Optimizer state: a zero array shaped like {@code weight}, in its manager, never freed by a scope. */
  public static NDArray zeroBuffer(NDArray weight) {
    NDArray b = weight.zerosLike();
    NDScope.unregister(b);
    return b;
  }

  /** {@link #zeroBuffer} for each of {@code weights}, in order. */
  public static List<NDArray> zeroBuffers(List<NDArray> weights) {
    List<NDArray> out = new ArrayList<>();
    for (NDArray w : weights) {
      out.add(zeroBuffer(w));
    }
    return out;
  }

  /**
   * The optimizer's state arrays by name, in a fixed order (none by default): what checkpoints save
   * and a resume restores in place. The arrays must be the ones the updates use.
   */
  protected Map<String, NDArray> stateArrays() {
    return Map.of();
  }

  /**
   * {@code buffers} named {@code <prefix>.0}, {@code <prefix>.1}, ... (a parameter's index), in order:
   * how an optimizer names per-parameter state for checkpoints.
   */
  public static Map<String, NDArray> named(String prefix, List<NDArray> buffers) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (int i = 0; i < buffers.size(); i++) {
      out.put(prefix + "." + i, buffers.get(i));
    }
    return out;
  }

  /** Saves {@link #stateArrays()}; a subclass with host-side state of its own adds it after calling this. */
  @Override
  public void save(StateWriter out) {
    stateArrays().forEach(out::array);
  }

  /** Restores {@link #stateArrays()} in place; a subclass with host-side state reads it after calling this. */
  @Override
  public void restore(StateReader in) {
    stateArrays().forEach(in::arrayInto);
  }

  @Override
  public final double learningRate(long updateCount) {
    return learningRate.applyAsDouble(updateCount);
  }

  @Override
  public final void update(long updateCount) {
    double lr = learningRate(updateCount);
    // in-place changes of leaf parameters are not part of any graph
    kernels.withoutGradientRecording(() -> {
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        for (int i = 0; i < weights.size(); i++) {
          NDArray w = weights.get(i);
          NDArray g = w.getGradient();
          update(i, w, g, lr, updateCount);
          g.close();
        }
      }
      // none of the updates clears the gradients itself (nor does PyTorch's fused native one)
      kernels.zeroGradients(weights);
    });
  }

  /** Changes parameter {@code i} ({@code w}) in place from its gradient {@code g}; must not keep {@code g}. */
  protected abstract void update(int i, NDArray w, NDArray g, double lr, long updateCount);
}
