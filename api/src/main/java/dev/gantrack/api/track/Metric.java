package dev.gantrack.api.track;

import dev.gantrack.api.PublicApi;
import dev.gantrack.api.data.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Measures a generator (FID, mode coverage, ...) from samples it draws through a context. */
@PublicApi
public interface Metric {

  /** Returns named values, e.g. {@code modes_captured}; names become metric keys. */
  Map<String, Double> evaluate(Context context) throws IOException;

  /** What a metric may use: generated samples, the real data, the run folder. */
  @PublicApi
  interface Context {
    /** The step being evaluated. */
    long step();

    /** {@code n} samples from the generator (the EMA copy when there is one), row-major. */
    float[] generate(int n);

    /** The real data. */
    DataSource data();

    /** The run folder, for files the metric writes (e.g. {@code samples/step-000100.csv}). */
    Path runDirectory();
  }
}
