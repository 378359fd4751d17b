package dev.gantrack.api.health;

import dev.gantrack.api.PublicApi;
import dev.gantrack.api.track.Tracker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a run's health rules to what the run logs, engine-neutral: a backend hands it each
 * logged step's host values ({@link #observe}) and it keeps what the rules read (each signal's
 * latest values and its extremes), checks every rule whose signals were just logged, and reports
 * each new finding to the trackers: a warning under {@code health/<rule>} ({@link
 * Tracker#onWarning}) and the metric {@code health/<rule>} = 1, set back to 0 when the rule's next
 * check finds nothing. A rule warns once when its finding appears, not at every step it holds.
 * A finding of a rule with {@code on-failure: stop} then throws {@link HealthCheckFailure}.
 *
 * <p>All it remembers is one {@link HealthState} ({@link #state()}, {@link #restore}).
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public final class HealthMonitor {
  /**
   * A rule of the run with its field path ({@code health.2}) and whether a finding stops the run.
   */
  public record Checked(String path, HealthRule rule, boolean stops) {}

  private final List<Checked> rules;
  private final Tracker tracker;
  private final int keep;
  private final Set<String> read;
  private final Map<String, Deque<LoggedValue>> latest = new LinkedHashMap<>();
  private final Map<String, LoggedValue> highest = new LinkedHashMap<>();
  private final Map<String, LoggedValue> lowest = new LinkedHashMap<>();
  private final Map<String, Integer> quiet = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();

  public HealthMonitor(List<Checked> rules, Tracker tracker) {
    this.rules = List.copyOf(rules);
    this.tracker = tracker;
    this.keep = Math.max(1, this.rules.stream().mapToInt(c -> c.rule().window()).max().orElse(1));
    this.read = this.rules.stream().flatMap(c -> c.rule().signals().stream()).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Records the values logged at {@code step} that some rule reads (non-finite ones are left out: nor is
   * a measure of the clock such as {@code steps_per_sec} kept, so the state is the same in every
   * process of a run) and checks every rule
   * that reads one of them; returns the new findings, after reporting them.
   *
   * @throws HealthCheckFailure when a rule with {@code on-failure: stop} found something new
   */
  public List<Finding> observe(long step, Map<String, Double> logged) {
    logged.forEach((name, value) -> {
      if (read.contains(name)) {
        record(name, new LoggedValue(step, value));
      }
    });
    Signals view = view(step, logged.keySet());
    Map<String, Double> marks = new LinkedHashMap<>();
    List<Finding> fresh = new ArrayList<>();
    Checked stopping = null;
    Finding stoppingFinding = null;
    for (Checked c : rules) {
      if (Collections.disjoint(c.rule().signals(), logged.keySet())) {
        continue;
      }
      Optional<Finding> found = c.rule().check(view);
      boolean warned = quiet.containsKey(c.path());
      if (found.isPresent()) {
        quiet.put(c.path(), 0);
        if (!warned) {
          findings.add(found.get());
          fresh.add(found.get());
          marks.put(found.get().tag(), 1.0);
          if (c.stops() && stopping == null) {
            stopping = c;
            stoppingFinding = found.get();
          }
        }
      } else if (warned && quiet.merge(c.path(), 1, Integer::sum) >= c.rule().window()) {
        quiet.remove(c.path());
        marks.put(Finding.tagOf(c.rule().name()), 0.0);
      }
    }
    if (!marks.isEmpty()) {
      tracker.onMetrics(step, marks);
    }
    for (Finding f : fresh) {
      tracker.onWarning(step, f.tag(), f.describe());
    }
    if (stopping != null) {
      throw new HealthCheckFailure(stopping.path(), stoppingFinding);
    }
    return fresh;
  }

  /**
   * At the end of a run: warns (at {@code step}) about each rule that was never checked because
   * nothing it reads was ever logged (a metric name misspelt, or a metric the run does not have).
   */
  public void end(long step) {
    for (Checked c : rules) {
      Set<String> reads = c.rule().signals();
      if (!reads.isEmpty() && Collections.disjoint(reads, latest.keySet())) {
        tracker.onWarning(step, Finding.tagOf(c.rule().name()), "health rule " + c.rule().name() + " (" + c.path()
            + ") was never checked: the run logged none of " + String.join(", ", reads));
      }
    }
  }

  /** Every finding so far. */
  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  /** What the monitor remembers, as one value. */
  public HealthState state() {
    Map<String, HealthState.SignalTrace> signals = new LinkedHashMap<>();
    latest.forEach((name, values) ->
        signals.put(name, new HealthState.SignalTrace(List.copyOf(values), highest.get(name), lowest.get(name))));
    return new HealthState(signals, quiet, findings);
  }

  /** Continues from {@code state}, as saved by {@link #state()} (for an exact resume). */
  public void restore(HealthState state) {
    latest.clear();
    highest.clear();
    lowest.clear();
    quiet.clear();
    findings.clear();
    state.signals().forEach((name, trace) -> {
      Deque<LoggedValue> values = new ArrayDeque<>(trace.latest());
      while (values.size() > keep) {
        values.removeFirst();
      }
      latest.put(name, values);
      highest.put(name, trace.highest());
      lowest.put(name, trace.lowest());
    });
    quiet.putAll(state.quiet());
    findings.addAll(state.findings());
  }

  private void record(String name, LoggedValue v) {
    if (!Double.isFinite(v.value())) {
      return;
    }
    Deque<LoggedValue> values = latest.computeIfAbsent(name, k -> new ArrayDeque<>());
    values.addLast(v);
    if (values.size() > keep) {
      values.removeFirst();
    }
    highest.merge(name, v, (a, b) -> b.value() > a.value() ? b : a);
    lowest.merge(name, v, (a, b) -> b.value() < a.value() ? b : a);
  }

  private Signals view(long step, Set<String> loggedNow) {
    return new Signals() {
      @Override
      public long step() {
        return step;
      }

      @Override
      public boolean loggedNow(String name) {
        return loggedNow.contains(name);
      }

      @Override
      public List<LoggedValue> latest(String name, int n) {
        List<LoggedValue> all = new ArrayList<>(latest.getOrDefault(name, new ArrayDeque<>()));
        return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
      }

      @Override
      public Optional<LoggedValue> highest(String name) {
        return Optional.ofNullable(highest.get(name));
      }

      @Override
      public Optional<LoggedValue> lowest(String name) {
        return Optional.ofNullable(lowest.get(name));
      }
    };
  }
}
