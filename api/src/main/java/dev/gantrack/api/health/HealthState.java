package dev.gantrack.api.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantrack.api.PublicApi;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link HealthMonitor} remembers of a run, as one immutable value that round-trips
 * through JSON: each signal's latest values (as many as the longest window of the run's rules) and
 * its highest and lowest value so far, the rules whose finding still holds (by field path, {@code
 * health.2}), and the findings so far. Restoring it makes a resumed run warn exactly as the
 * uninterrupted run would.
 *
 * @param signals by name, in the order first logged
 * @param active field paths of the rules whose last check found something
 * @param findings every finding so far, in order
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public record HealthState(
    @JsonProperty("signals") Map<String, SignalTrace> signals,
    @JsonProperty("active") List<String> active,
    @JsonProperty("findings") List<Finding> findings) {

  /** A run's state before its first logged step. */
  public static final HealthState EMPTY = new HealthState(Map.of(), List.of(), List.of());

  public HealthState {
    signals = signals == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(signals));
    active = active == null ? List.of() : List.copyOf(active);
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /**
   * What is kept of one signal.
   *
   * @param latest its latest values, oldest first
   * @param highest its highest value so far
   * @param lowest its lowest value so far
   */
  @PublicApi(PublicApi.Status.EXPERIMENTAL)
  public record SignalTrace(
      @JsonProperty("latest") List<LoggedValue> latest,
      @JsonProperty("highest") LoggedValue highest,
      @JsonProperty("lowest") LoggedValue lowest) {
    public SignalTrace {
      latest = latest == null ? List.of() : List.copyOf(latest);
    }
  }
}
