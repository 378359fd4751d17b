package dev.gantrack.djl.listener;

import com.google.inject.Inject;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.Role;
import dev.gantrack.api.health.HealthMonitor;
import dev.gantrack.api.health.HealthState;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.HealthRuleSpec;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.StepOutcome;
import dev.gantrack.djl.spi.listener.TrainingProgress;
import dev.gantrack.djl.spi.state.RunState;
import dev.gantrack.djl.spi.state.StateReader;
import dev.gantrack.djl.spi.state.StateWriter;
import dev.gantrack.djl.train.Assembly;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The experiment's {@code health:} rules, each made when the run is assembled (a rule that cannot
 * be made is a bad-input line naming its field), applied by a {@link HealthMonitor} after every
 * step that logged values: the step's host values at {@code log-every} and metric values when a
 * metric is evaluated, as {@link LoggedValues} kept them, so it adds no device sync. A finding of a
 * rule with {@code on-failure: stop} ends the run as FAILED. Its {@link RunState} is the monitor's
 * {@link HealthState}, so a resumed run warns exactly as the uninterrupted one.
 */
public final class HealthMonitoring implements GanTrainingListener, RunState {
  private final List<HealthMonitor.Checked> rules = new ArrayList<>();
  private final RunContext run;
  private final LoggedValues logged;
  private HealthMonitor monitor;
  private HealthState restored = HealthState.EMPTY;

  @Inject
  HealthMonitoring(Experiment experiment, RunServices services, RunContext run, LoggedValues logged) {
    this.run = run;
    this.logged = logged;
    List<HealthRuleSpec> specs = experiment.health();
    for (int i = 0; i < specs.size(); i++) {
      HealthRuleSpec spec = specs.get(i);
      String path = Role.HEALTH.path(i);
      rules.add(new HealthMonitor.Checked(path,
          Assembly.piece(path, "the health rule", () -> spec.create(services)), spec.stopsTheRun()));
    }
  }

  @Override
  public void onTrainingBegin(TrainingProgress progress) {
    if (!rules.isEmpty()) {
      monitor = new HealthMonitor(rules, run.tracker());
      monitor.restore(restored);
    }
  }

  @Override
  public void onStep(StepOutcome outcome) {
    if (monitor == null) {
      return;
    }
    Map<String, Double> values = logged.at(outcome.step());
    if (!values.isEmpty()) {
      monitor.observe(outcome.step(), values);
    }
  }

  @Override
  public void onTrainingEnd(TrainingProgress progress, RunStatus status) {
    if (monitor != null && status == RunStatus.FINISHED) {
      monitor.end(progress.step());
    }
  }

  /** What the monitor remembers (empty before training begins), for an exact resume. */
  public HealthState state() {
    return monitor == null ? restored : monitor.state();
  }

  /** Continues from {@code state} when training begins (or at once, if it has begun). */
  public void restore(HealthState state) {
    restored = state;
    if (monitor != null) {
      monitor.restore(state);
    }
  }

  @Override
  public void save(StateWriter out) {
    out.value("state", state());
  }

  @Override
  public void restore(StateReader in) {
    restore(in.value("state", HealthState.class));
  }
}
