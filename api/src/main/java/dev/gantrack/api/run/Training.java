package dev.gantrack.api.run;

import dev.gantrack.api.PublicApi;
import java.io.IOException;
import java.nio.file.Path;
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
   * Continues from {@code checkpoint} (one of {@link dev.gantrack.api.Backend#checkpoints}): every
   * part's state is set to what it holds, and {@link #run()} then starts after its step, which this
   * returns. Called at most once, before {@link #run()}; a checkpoint that does not fit the run (a
   * part missing, another shape) is an {@link IOException} naming what does not fit.
   */
  default long restore(Path checkpoint) throws IOException {
    throw new UnsupportedOperationException("this backend cannot resume a run");
  }

  /**
   * What the assembled pieces add to the run's provenance, as tags (e.g. each metric's
   * implementation, feature extractor, weight hash and sample count under {@code
   * gantrack.metrics.<i>.*}); known once the run is assembled, recorded before training begins.
   */
  default Map<String, String> provenance() {
    return Map.of();
  }

  /** Releases the run's memory (tensors, native handles). */
  @Override
  void close();
}
