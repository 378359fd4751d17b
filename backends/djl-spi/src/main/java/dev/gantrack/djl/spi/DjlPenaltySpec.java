package dev.gantrack.djl.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.run.RunServices;

/**
 * A penalty spec the DJL backend can add to D's loss (role {@code penalty}, or a loss's own {@link
 * DjlLossSpec.Loss#penalty()}). Gradient penalties need the gradient of D's output with respect to
 * its input, itself differentiable: {@link Context#inputGradient} gives it.
 *
 * <p>{@link Penalty#compute} is called once per D update, inside D's gradient collector, after
 * {@link DjlLossSpec.Loss#discriminator}; the context's arrays and what the penalty returns live
 * until the step ends.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlPenaltySpec {
  /** Creates the penalty for one run; called once, when the run is assembled. */
  Penalty create(RunServices run);

  /** A scalar added to D's loss at every D update. */
  interface Penalty {
    NDArray compute(Context context);

    /** The metric name its value is logged under, e.g. {@code penalty_gp}. */
    String metricName();
  }

  /** The D update's batch and a way to differentiate D with respect to its input. */
  interface Context {
    /** The step's manager: arrays made here live until the step ends. */
    NDManager manager();

    /** Real examples (as D saw them, after instance noise). */
    NDArray real();

    /** Fake examples (detached from G). */
    NDArray fake();

    /** Labels of real examples for a conditional D, else null. */
    NDArray realLabels();

    /** Labels of fake examples for a conditional D, else null. */
    NDArray fakeLabels();

    /**
     * d(sum of D(x))/dx, with a graph so a penalty built from it can be differentiated again with
     * respect to D's weights ({@code torch.autograd.grad} with {@code create_graph}); D's weight
     * gradients are left as they were. {@code x} must be a fresh array (it is made a gradient leaf).
     */
    NDArray inputGradient(NDArray x, NDArray labels);

    /** The step (G updates so far, plus one). */
    long step();
  }
}
