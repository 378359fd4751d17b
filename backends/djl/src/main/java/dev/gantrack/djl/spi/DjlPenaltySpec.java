package dev.gantrack.djl.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gantrack.api.PublicApi;

/**
 * A penalty spec the DJL backend can add to D's loss. Gradient penalties need the gradient of D's
 * output with respect to its input, itself differentiable: {@link Context#inputGradient} gives it
 * (a second backward pass through D with a graph).
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlPenaltySpec {
  /** Creates the penalty for one run. */
  Penalty create();

  /** A scalar added to D's loss at every D update. */
  interface Penalty {
    NDArray compute(Context context);

    /** The metric name its value is logged under, e.g. {@code penalty_gp}. */
    String metricName();
  }

  /** The D update's batch and a way to differentiate D with respect to its input. */
  interface Context {
    NDManager manager();

    /** Real examples (as D saw them, after instance noise). */
    NDArray real();

    /** Fake examples (detached from G). */
    NDArray fake();

    /** Labels of real / fake examples for conditional D, else null. */
    NDArray realLabels();

    NDArray fakeLabels();

    /**
     * d(sum of D(x))/dx, with a graph so a penalty built from it can be differentiated again with
     * respect to D's weights. {@code x} must be a fresh array (it is made a gradient leaf).
     */
    NDArray inputGradient(NDArray x, NDArray labels);

    long step();
  }
}
