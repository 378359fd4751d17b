package dev.gantrack.api.run;

import dev.gantrack.api.PublicApi;
import java.util.Map;

/**
 * One assembled run of a backend, obtained from the run's injector once every piece is built (so
 * that a plugin that cannot be assembled fails before any run folder exists).
 */
@PublicApi
public interface Training extends AutoCloseable {
  /**
   * Trains to the end, or until {@link RunContext#cancelled()} turns true (then returns normally);
   * throws when training fails.
   */
  void run() throws Exception;

  /**
   * What the assembled pieces add to the run's provenance, as tags (e.g. each metric's
   * implementation, feature extractor, weight hash and sample count under {@code
   * gantrack.metric.<field>.*}); known once the run is assembled, recorded before training begins.
   */
  default Map<String, String> provenance() {
    return Map.of();
  }

  /** Releases the run's memory (tensors, native handles). */
  @Override
  void close();
}
