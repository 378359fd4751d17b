package dev.gantrack.trackers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.Tracker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Appends every logged step to {@code metrics.jsonl}: {@code {"step":100,"d_loss":0.69,...}};
 * non-finite values are written as the strings "NaN", "Infinity", "-Infinity". Each line is flushed
 * as it is written. A resumed run first drops the rows after its checkpoint's step (and a line cut
 * short by the crash), so that every step appears once.
 */
final class LocalRunTracker implements Tracker {
  private static final JsonFactory JSON = new JsonFactory();
  private BufferedWriter out;

  @Override
  public void onTrainingBegin(RunInfo run) {
    Path file = run.runDirectory().resolve(MetricsFile.NAME);
    try {
      if (run.resumed() && Files.exists(file)) {
        MetricsFile.keepRowsUpTo(run.runDirectory(), run.resumedAtStep());
      }
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void onMetrics(long step, Map<String, Double> metrics) {
    try {
      StringWriter line = new StringWriter();
      try (JsonGenerator g = JSON.createGenerator(line)) {
        g.writeStartObject();
        g.writeNumberField("step", step);
        g.writeNumberField("time", System.currentTimeMillis());
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
          double v = e.getValue();
          if (Double.isFinite(v)) {
            g.writeNumberField(e.getKey(), v);
          } else {
            g.writeStringField(e.getKey(), Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
          }
        }
        g.writeEndObject();
      }
      out.write(line.toString());
      out.write('\n');
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
}
