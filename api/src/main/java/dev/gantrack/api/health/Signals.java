package dev.gantrack.api.health;

import dev.gantrack.api.PublicApi;
import java.util.List;
import java.util.Optional;

/** What a {@link HealthRule} sees of the run: the logged values so far, by name. */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface Signals {
  /** The step just logged. */
  long step();

  /** True when {@code name} was logged at {@link #step()}. */
  boolean loggedNow(String name);

  /**
   * The latest {@code n} logged values of {@code name} (fewer when fewer were logged; at most the
   * rule's window), oldest first. Non-finite values are not kept.
   */
  List<LoggedValue> latest(String name, int n);

  /** The highest value of {@code name} logged so far, and its step. */
  Optional<LoggedValue> highest(String name);

  /** The lowest value of {@code name} logged so far, and its step. */
  Optional<LoggedValue> lowest(String name);
}
