package dev.gantrack.djl.listener;

import com.google.inject.Inject;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.Role;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.MetricSpec;
import dev.gantrack.api.track.Metric;
import dev.gantrack.djl.sample.Sampler;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.StepOutcome;
import dev.gantrack.djl.train.Assembly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The experiment's {@code metrics:}, each made when the run is assembled and evaluated every {@code
 * every} steps of its own and at the last, on samples of the run's generator (the EMA copy when
 * there is one); their values go to every tracker (through {@link LoggedValues}).
 */
public final class MetricEvaluation implements GanTrainingListener {
  private final List<MetricSpec> specs;
  private final List<Metric> metrics = new ArrayList<>();
  private final RunContext run;
  private final Sampler sampler;
  private final DataSource data;
  private final LoggedValues logged;

  @Inject
  MetricEvaluation(Experiment experiment, RunServices services, RunContext run, Sampler sampler, DataSource data,
      LoggedValues logged) {
    this.specs = experiment.metrics();
    this.run = run;
    this.logged = logged;
    this.sampler = sampler;
    this.data = data;
    for (int i = 0; i < specs.size(); i++) {
      MetricSpec spec = specs.get(i);
      metrics.add(Assembly.piece(Role.METRICS.path(i), "the metric", () -> spec.create(services)));
    }
  }

  @Override
  public void onStep(StepOutcome outcome) {
    for (int i = 0; i < metrics.size(); i++) {
      if (outcome.atCadence(specs.get(i).every())) {
        try {
          logged.log(outcome.step(), metrics.get(i).evaluate(context(outcome.step())));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private Metric.Context context(long step) {
    return new Metric.Context() {
      @Override
      public long step() {
        return step;
      }

      @Override
      public float[] generate(int n) {
        return sampler.samples(n);
      }

      @Override
      public DataSource data() {
        return data;
      }

      @Override
      public Path runDirectory() {
        return run.runDirectory();
      }
    };
  }
}
