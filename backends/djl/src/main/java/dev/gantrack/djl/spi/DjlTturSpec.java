package dev.gantrack.djl.spi;

import ai.djl.nn.Parameter;
import dev.gantrack.api.PublicApi;
import java.util.List;

/** A TTUR spec the DJL backend can train with: one optimizer for G and one for D. */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlTturSpec {
  /**
   * The optimizer of G's trainable parameters; its state is allocated here, not lazily.
   * {@code totalUpdates} is how many G updates the run makes ({@code training.steps}), for
   * learning-rate schedules.
   */
  Optimizer generator(List<Parameter> parameters, long totalUpdates);

  /**
   * The optimizer of D's trainable parameters; {@code totalUpdates} is how many D updates the run
   * makes ({@code training.steps × d-steps}).
   */
  Optimizer discriminator(List<Parameter> parameters, long totalUpdates);

  /**
   * Problems with a run of this many G and D updates (e.g. a warm-up longer than the run), each
   * naming its option under {@code ttur.}; checked before training starts. None by default.
   */
  default List<String> check(long generatorUpdates, long discriminatorUpdates) {
    return List.of();
  }

  /**
   * Updates a fixed set of parameters from their accumulated gradients and clears the gradients.
   * {@code update} is called once per optimizer step, counting from 1 to the total given at creation.
   */
  interface Optimizer {
    void update(long updateCount);

    /** The learning rate used at an update (after any schedule). */
    double learningRate(long updateCount);
  }
}
