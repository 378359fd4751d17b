package com.example.gantrack;

import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.Tracker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

/**
 * Writes {@link CsvTrackerSpec#FILE}: a header, then one row per metric value. gantrack calls a
 * tracker from its own thread, in order, with values already on the host; the file is flushed after
 * every step so that it can be read while the run goes on.
 */
final class CsvTracker implements Tracker {
  private final char separator;
  private final MathContext precision;
  private BufferedWriter out;

  CsvTracker(char separator, int digits) {
    this.separator = separator;
    this.precision = new MathContext(digits);
  }

  @Override
  public void onTrainingBegin(RunInfo run) {
    try {
      out = Files.newBufferedWriter(run.runDirectory().resolve(CsvTrackerSpec.FILE), StandardCharsets.UTF_8);
      row("step", "metric", "value");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void onMetrics(long step, Map<String, Double> metrics) {
    try {
      for (Map.Entry<String, Double> m : metrics.entrySet()) {
        row(Long.toString(step), quoted(m.getKey()), format(m.getValue()));
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void row(String step, String metric, String value) throws IOException {
    out.write(step + separator + metric + separator + value + '\n');
  }

  /** A metric name as a CSV field: quoted (RFC 4180) when it holds the separator, a quote or a line break. */
  private String quoted(String name) {
    boolean plain = name.indexOf(separator) < 0 && name.indexOf('"') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0;
    return plain ? name : '"' + name.replace("\"", "\"\"") + '"';
  }

  /** The value to the spec's significant digits, without trailing zeros; NaN and infinities as Java writes them. */
  private String format(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    BigDecimal rounded = new BigDecimal(value).round(precision).stripTrailingZeros();
    return (rounded.scale() < 0 ? rounded.setScale(0) : rounded).toString();
  }
}
