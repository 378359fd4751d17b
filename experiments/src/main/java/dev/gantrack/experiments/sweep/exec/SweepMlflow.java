package dev.gantrack.experiments.sweep.exec;

import dev.gantrack.api.Experiment;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.experiments.sweep.SweepPlan;
import dev.gantrack.experiments.sweep.SweptOption;
import dev.gantrack.trackers.mlflow.MlflowParentRun;
import dev.gantrack.trackers.mlflow.MlflowTrackerSpec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sweep's MLflow run, when its trials are tracked in MLflow: in the server and experiment of
 * the first trial's {@code mlflow} tracker, params = what is swept ({@code swept.<path>}), the
 * seeds, random draws and ranking. A server that cannot be reached now is one warning: the trials
 * still record their own runs (their trackers spool), without a parent.
 */
public final class SweepMlflow {
  private SweepMlflow() {}

  /** The parent run of {@code plan}, or null when its trials have no MLflow tracker or the server cannot be reached. */
  public static MlflowParentRun parent(SweepPlan plan, Map<String, String> env, Consumer<String> warn) {
    Experiment e = plan.trials().get(0).loaded().experiment();
    MlflowTrackerSpec mlflow = null;
    for (TrackerSpec t : e.trackers()) {
      if (t instanceof MlflowTrackerSpec m) {
        mlflow = m;
      }
    }
    if (mlflow == null) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("file", plan.definition().file().toString());
    for (SweptOption o : plan.definition().options()) {
      params.put("swept." + o.path(), o.describe());
    }
    params.put("seeds", String.valueOf(plan.definition().seeds()));
    params.put("random", String.valueOf(plan.definition().random()));
    params.put("trials", String.valueOf(plan.trials().size()));
    if (plan.definition().rank() != null) {
      params.put("rank", plan.definition().rank().toString());
    }
    String experiment = mlflow.experiment() != null ? mlflow.experiment() : e.name();
    try {
      return MlflowParentRun.open(mlflow, experiment, plan.id(), params, env);
    } catch (IOException ex) {
      warn.accept("warning: the sweep's MLflow run could not be made (" + ex.getMessage()
          + "); each trial still records its own run, without a parent");
      return null;
    }
  }
}
