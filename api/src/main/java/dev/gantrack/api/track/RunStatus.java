package dev.gantrack.api.track;

import dev.gantrack.api.PublicApi;

/** How a run ended (MLflow's terminal states). */
@PublicApi
public enum RunStatus {
  FINISHED,
  FAILED,
  KILLED
}
