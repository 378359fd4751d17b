package dev.gantrack.djl.plugins;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.gantrack.djl.spi.DjlTturSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * An optimizer over a fixed parameter list: each update reads every parameter's gradient, changes
 * the parameter in place, then clears the gradient. State buffers are made up front with {@link
 * #buffer} in the parameters' manager; temporaries of an update die with the update's own scope.
 */
abstract class ParameterOptimizer implements DjlTturSpec.Optimizer {
  private final List<NDArray> weights = new ArrayList<>();
  private final LearningRateSchedule schedule;

  ParameterOptimizer(List<Parameter> parameters, LearningRateSchedule schedule) {
    this.schedule = schedule;
    for (Parameter p : parameters) {
      weights.add(p.getArray());
    }
  }

  /** The parameters, in order. */
  final List<NDArray> weights() {
    return weights;
  }

  /** A zero buffer shaped like parameter {@code i}, owned by the parameters' manager (never by a scope). */
  final NDArray buffer(int i) {
    NDArray b = weights.get(i).zerosLike();
    NDScope.unregister(b);
    return b;
  }

  /** Zero buffers for every parameter. */
  final List<NDArray> buffers() {
    List<NDArray> out = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      out.add(buffer(i));
    }
    return out;
  }

  @Override
  public final double learningRate(long updateCount) {
    return schedule.at(updateCount);
  }

  @Override
  public final void update(long updateCount) {
    double lr = learningRate(updateCount);
    boolean gradMode = JniUtils.isGradMode();
    JniUtils.setGradMode(false); // in-place changes of leaf parameters are not part of any graph
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (int i = 0; i < weights.size(); i++) {
        PtNDArray w = (PtNDArray) weights.get(i);
        PtNDArray g = w.getGradient();
        update(i, w, g, lr, updateCount);
        g.close();
        // none of the updates clears the gradient itself (nor does PyTorch's fused native one)
        JniUtils.zeroGrad(w);
      }
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  /** Changes parameter {@code i} ({@code w}) in place from its gradient {@code g}; must not keep {@code g}. */
  abstract void update(int i, PtNDArray w, PtNDArray g, double lr, long updateCount);
}
