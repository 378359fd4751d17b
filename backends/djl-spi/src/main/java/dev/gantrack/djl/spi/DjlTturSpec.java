package dev.gantrack.djl.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.gantrack.api.Problem;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.run.RunServices;
import java.util.List;

/**
 * A TTUR spec the DJL backend can train with (role {@code ttur}): one optimizer for G and one for D.
 * Both are created once, when the run is assembled, after the networks are initialised.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlTturSpec {
  /**
   * The optimizer of G's trainable parameters; its state is allocated here, not lazily.
   * {@code totalUpdates} is how many G updates the run makes ({@code training.steps × g-steps}), for
   * learning-rate schedules. {@code run} gives the run's services, e.g. {@link
   * dev.gantrack.djl.spi.run.TensorKernels}.
   */
  Optimizer generator(List<Parameter> parameters, long totalUpdates, RunServices run);

  /**
   * The optimizer of D's trainable parameters; {@code totalUpdates} is how many D updates the run
   * makes ({@code training.steps × d-steps}).
   */
  Optimizer discriminator(List<Parameter> parameters, long totalUpdates, RunServices run);

  /**
   * Problems with a run of this many G and D updates (e.g. a warm-up longer than the run), each at
   * an option path relative to the {@code ttur:} section; checked before training starts. None by
   * default.
   */
  default List<Problem> check(long generatorUpdates, long discriminatorUpdates) {
    return List.of();
  }

  /**
   * Updates a fixed set of parameters from their accumulated gradients and clears the gradients.
   * {@code update} is called once per optimizer step, outside any gradient collector, counting from
   * 1 to the total given at creation.
   */
  interface Optimizer {
    void update(long updateCount);

    /**
     * Whether {@link #updateFromLoss} works: the trainer then skips the backward pass of an update whose
     * gradients no listener reads and hands the loss over. False by default.
     */
    default boolean updatesFromLoss() {
      return false;
    }

    /**
     * The update {@code updateCount} with the gradients of the scalar {@code loss}, whose backward pass has
     * not run, computed by the optimizer itself (in one call with the update, where the engine allows it):
     * the same parameters result as a backward pass followed by {@link #update}, while no parameter's
     * gradient is written or cleared. Called only when {@link #updatesFromLoss} is true, at the point
     * where {@link #update} would be; {@code loss} belongs to the step.
     */
    default void updateFromLoss(NDArray loss, long updateCount) {
      throw new UnsupportedOperationException(getClass().getName() + " updates from accumulated gradients only");
    }

    /** The learning rate used at an update (after any schedule); no device work. */
    double learningRate(long updateCount);
  }
}
