package dev.gantrack.djl.metric;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.Role;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.HostMetricSpec;
import dev.gantrack.api.spec.MetricSpec;
import dev.gantrack.api.track.Metric;
import dev.gantrack.djl.sample.Sampler;
import dev.gantrack.djl.spi.DjlMetricSpec;
import dev.gantrack.djl.train.Assembly;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * The experiment's {@code metrics:}, each built once when the run is assembled (a DJL metric or a
 * host one; a failure names its field), evaluated on demand in a memory scope of its own, and closed
 * with the run's feature extractor at the end. Their provenance, and the extractor's, are tags
 * {@code gantrack.metrics.<i>.<key>} and {@code gantrack.feature-extractor.<key>}.
 */
@Singleton
public final class RunMetrics implements AutoCloseable {
  private final List<MetricSpec> specs;
  private final List<Object> metrics = new ArrayList<>();
  private final RunContext run;
  private final Sampler sampler;
  private final DataSource data;
  private final NDManager manager;
  private final RunFeatureExtractor extractor;
  private boolean closed;

  @Inject
  RunMetrics(Experiment experiment, RunServices services, RunContext run, Sampler sampler, DataSource data,
      NDManager manager, RunFeatureExtractor extractor) {
    this.specs = experiment.metrics();
    this.run = run;
    this.sampler = sampler;
    this.data = data;
    this.manager = manager;
    this.extractor = extractor;
    for (int i = 0; i < specs.size(); i++) {
      MetricSpec spec = specs.get(i);
      metrics.add(Assembly.piece(Role.METRICS.path(i), "the metric", () -> create(spec, services)));
    }
  }

  private static Object create(MetricSpec spec, RunServices services) {
    if (spec instanceof DjlMetricSpec djl) {
      return djl.create(services);
    }
    if (spec instanceof HostMetricSpec host) {
      return host.create(services);
    }
    throw new IllegalStateException(spec.getClass().getName() + " implements neither DjlMetricSpec nor HostMetricSpec");
  }

  /** How many metrics the experiment has. */
  public int size() {
    return specs.size();
  }

  /** Steps between evaluations of metric {@code i}; 0 for only at the end. */
  public int every(int i) {
    return specs.get(i).every();
  }

  /**
   * Evaluates metric {@code i} at {@code step} (on the sample grid's fixed batch with {@code grid});
   * {@code progress} receives the share of its samples drawn so far.
   */
  public Map<String, Double> evaluate(int i, long step, boolean grid, DoubleConsumer progress) throws IOException {
    try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
      scope.suppressNotUsedWarning();
      EvaluationContext context = new EvaluationContext(step, m, sampler, grid, data, run.runDirectory(), progress);
      Object metric = metrics.get(i);
      return metric instanceof DjlMetricSpec.Metric djl ? djl.evaluate(context) : ((Metric) metric).evaluate(context);
    }
  }

  /** Every metric's provenance and the feature extractor's, as tags. */
  public Map<String, String> provenance() {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < metrics.size(); i++) {
      Object metric = metrics.get(i);
      Map<String, String> own = metric instanceof DjlMetricSpec.Metric djl ? djl.provenance()
          : ((Metric) metric).provenance();
      String prefix = "gantrack." + Role.METRICS.path(i) + ".";
      own.forEach((k, v) -> tags.put(prefix + k, v));
    }
    extractor.built().ifPresent(x -> {
      tags.put("gantrack." + Role.FEATURE_EXTRACTOR.key() + ".name", x.name());
      tags.put("gantrack." + Role.FEATURE_EXTRACTOR.key() + ".sha256", x.weightsHash());
    });
    return tags;
  }

  /** Closes every metric (last first), then the feature extractor; the first failure is rethrown. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException first = null;
    for (int i = metrics.size() - 1; i >= 0; i--) {
      try {
        ((AutoCloseable) metrics.get(i)).close();
      } catch (Exception e) {
        first = first == null ? new IllegalStateException("closing " + Role.METRICS.path(i) + ": " + e, e) : first;
      }
    }
    extractor.close();
    if (first != null) {
      throw first;
    }
  }
}
