package dev.gantrack.djl.builtins.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.gantrack.djl.spi.DjlTturSpec;
import dev.gantrack.djl.spi.optim.ParameterOptimizer;
import dev.gantrack.djl.spi.run.TensorKernels;
import dev.gantrack.djl.spi.state.RunState;
import dev.gantrack.djl.spi.state.StateReader;
import dev.gantrack.djl.spi.state.StateWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the built-in optimizers share: the parameters' arrays (in order), the learning-rate schedule,
 * state buffers made up front (owned by the optimizer, one per parameter and kind, in parameter order)
 * and one multi-tensor update of the engine bound to both ({@link TensorKernels#adam} etc.), so a
 * network's update is a few native calls whatever its number of parameters. The update count is the
 * trainer's ({@code update(t)}), not state of the optimizer. Its {@link RunState} is the buffers
 * {@link #stateArrays()} names, saved in checkpoints and restored in place (the bound update holds
 * them by reference).
 */
abstract class MultiTensorOptimizer implements DjlTturSpec.Optimizer, RunState {
  private final List<NDArray> weights = new ArrayList<>();
  private final LearningRateSchedule schedule;
  private TensorKernels.MultiTensorUpdate update;

  MultiTensorOptimizer(List<Parameter> parameters, LearningRateSchedule schedule) {
    this.schedule = schedule;
    for (Parameter p : parameters) {
      weights.add(p.getArray());
    }
  }

  /** The parameters' arrays, in order. */
  final List<NDArray> weights() {
    return weights;
  }

  /** Zero state buffers shaped like each parameter, or none when {@code needed} is false. */
  final List<NDArray> buffers(boolean needed) {
    return needed ? ParameterOptimizer.zeroBuffers(weights) : List.of();
  }

  /** Binds the update; called once by the subclass's constructor, after its buffers exist. */
  final void bind(TensorKernels.MultiTensorUpdate bound) {
    this.update = bound;
  }

  @Override
  public final void update(long updateCount) {
    update.apply(schedule.at(updateCount), updateCount);
  }

  @Override
  public final boolean updatesFromLoss() {
    return true;
  }

  @Override
  public final void updateFromLoss(NDArray loss, long updateCount) {
    update.applyFromLoss(loss, schedule.at(updateCount), updateCount);
  }

  @Override
  public final double learningRate(long updateCount) {
    return schedule.at(updateCount);
  }

  /** The state buffers by name, in a fixed order: what checkpoints save and a resume restores in place. */
  protected abstract Map<String, NDArray> stateArrays();

  /** {@code buffers} named by parameter index under {@code prefix}. */
  static Map<String, NDArray> named(String prefix, List<NDArray> buffers) {
    return ParameterOptimizer.named(prefix, buffers);
  }

  @Override
  public final void save(StateWriter out) {
    stateArrays().forEach(out::array);
  }

  @Override
  public final void restore(StateReader in) {
    stateArrays().forEach(in::arrayInto);
  }
}
