package dev.gantrack.djl.spi;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.run.RunServices;

/**
 * A label-smoothing spec the DJL backend can train with (role {@code label-smoothing}). Targets are
 * made in the step's manager ({@code manager}) once per D update and once per G update; they live
 * until the step ends.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlLabelSmoothingSpec {
  /** Creates the target maker for one run; called once, when the run is assembled. */
  LabelSmoothing create(RunServices run);

  /** Makes D's targets for a batch of {@code n} real and {@code n} fake examples at a step. */
  interface LabelSmoothing {
    DjlLossSpec.Targets discriminatorTargets(NDManager manager, long n, long step);

    /** The targets G trains D's output on fakes towards (plain 1 for real by default). */
    default DjlLossSpec.Targets generatorTargets(NDManager manager, long n, long step) {
      return new DjlLossSpec.Targets(manager.ones(new Shape(n, 1)), manager.zeros(new Shape(n, 1)));
    }
  }
}
