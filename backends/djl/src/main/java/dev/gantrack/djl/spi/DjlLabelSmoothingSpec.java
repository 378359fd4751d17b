package dev.gantrack.djl.spi;

import ai.djl.ndarray.NDManager;
import dev.gantrack.api.PublicApi;

/** A label-smoothing spec the DJL backend can train with. */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlLabelSmoothingSpec {
  /** Creates the target maker for one run. */
  LabelSmoothing create();

  /** Makes D's targets for a batch of {@code n} real and {@code n} fake examples at a step. */
  interface LabelSmoothing {
    DjlLossSpec.Targets discriminatorTargets(NDManager manager, long n, long step);

    /** The targets G trains D's output on fakes towards (plain 1 for real by default). */
    default DjlLossSpec.Targets generatorTargets(NDManager manager, long n, long step) {
      return new DjlLossSpec.Targets(
          manager.ones(new ai.djl.ndarray.types.Shape(n, 1)),
          manager.zeros(new ai.djl.ndarray.types.Shape(n, 1)));
    }
  }
}
