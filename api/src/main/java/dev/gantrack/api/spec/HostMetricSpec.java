package dev.gantrack.api.spec;

import dev.gantrack.api.PublicApi;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.track.Metric;

/** A metric computed on host floats ({@link Metric}), which every backend can evaluate. */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface HostMetricSpec extends MetricSpec {
  /** Creates the metric for one run, when the run is assembled; {@code run} gives the run's services. */
  Metric create(RunServices run);
}
