package dev.gantrack.djl.spi.listener;

import dev.gantrack.api.PublicApi;

/** Where the run stands: steps and updates done so far. */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface TrainingProgress {
  /** Steps completed (G updates); 0 before the first. */
  long step();

  /** The steps the run is to make ({@code training.steps}). */
  long totalSteps();

  /** G updates so far. */
  long generatorUpdates();

  /** D updates so far (k per step). */
  long discriminatorUpdates();
}
