package dev.gantrack.api.run;

import dev.gantrack.api.PublicApi;

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

  /** Releases the run's memory (tensors, native handles). */
  @Override
  void close();
}
