package dev.gantrack.djl.listener;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.run.RunContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The way gantrack's listeners log values: each call goes to every tracker and is kept for the rest
 * of its step, so that a later listener of the same step (the health monitor) reads the step's
 * host values and metric values here, without copying device values to the host again. One per run.
 */
@Singleton
public final class LoggedValues {
  private final RunContext run;
  private final Map<String, Double> values = new LinkedHashMap<>();
  private long step = -1;

  @Inject
  LoggedValues(RunContext run) {
    this.run = run;
  }

  /** Sends {@code logged} at {@code step} to every tracker and keeps it until another step logs. */
  public void log(long step, Map<String, Double> logged) {
    if (step != this.step) {
      values.clear();
      this.step = step;
    }
    values.putAll(logged);
    run.tracker().onMetrics(step, logged);
  }

  /** Everything logged at {@code step} so far, in order; empty when nothing was. */
  public Map<String, Double> at(long step) {
    return step == this.step ? Collections.unmodifiableMap(new LinkedHashMap<>(values)) : Map.of();
  }
}
