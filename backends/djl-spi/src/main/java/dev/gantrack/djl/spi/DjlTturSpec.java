package dev.gantrack.djl.spi;

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

    /** The learning rate used at an update (after any schedule); no device work. */
    double learningRate(long updateCount);
  }
}
