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
 * its highest and lowest value so far, the rules that have warned and not yet recovered (by field
 * path, {@code health.2}, with their checks in a row without a finding), and the findings so far. Restoring it makes a resumed run warn exactly as the
 * uninterrupted run would.
 *
 * @param signals by name, in the order first logged
 * @param quiet field paths of the rules that warned and have not recovered, with the checks in a row
 *     since without a finding
 * @param findings every finding so far, in order
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public record HealthState(
    @JsonProperty("signals") Map<String, SignalTrace> signals,
    @JsonProperty("quiet") Map<String, Integer> quiet,
    @JsonProperty("findings") List<Finding> findings) {

  /** A run's state before its first logged step. */
  public static final HealthState EMPTY = new HealthState(Map.of(), Map.of(), List.of());

  public HealthState {
    signals = signals == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(signals));
    quiet = quiet == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(quiet));
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
