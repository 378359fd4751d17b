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
 * as it is written. Warnings (health findings) go to {@code warnings.jsonl}:
 * {@code {"step":2000,"time":...,"tag":"health/d-lost","message":"..."}}, a file made at the first
 * warning. A resumed run first drops the rows of both after its checkpoint's step (and a line cut
 * short by the crash), so that every step appears once.
 */
final class LocalRunTracker implements Tracker {
  private static final String WARNINGS = "warnings.jsonl";
  private static final JsonFactory JSON = new JsonFactory();
  private Path runDirectory;
  private BufferedWriter out;
  private BufferedWriter warnings;

  @Override
  public void onTrainingBegin(RunInfo run) {
    runDirectory = run.runDirectory();
    if (run.resumed()) {
      try {
        MetricsFile.keepRowsUpTo(runDirectory, MetricsFile.NAME, run.resumedAtStep());
        MetricsFile.keepRowsUpTo(runDirectory, WARNINGS, run.resumedAtStep());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    out = open(MetricsFile.NAME);
  }

  @Override
  public void onMetrics(long step, Map<String, Double> metrics) {
    append(out, step, g -> {
      for (Map.Entry<String, Double> e : metrics.entrySet()) {
        double v = e.getValue();
        if (Double.isFinite(v)) {
          g.writeNumberField(e.getKey(), v);
        } else {
          g.writeStringField(e.getKey(), Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
      }
    });
  }

  @Override
  public void onWarning(long step, String tag, String message) {
    if (warnings == null) {
      warnings = open(WARNINGS);
    }
    append(warnings, step, g -> {
      g.writeStringField("tag", tag);
      g.writeStringField("message", message);
    });
  }

  /** Writes the fields of one JSON line after its step and time. */
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static void append(BufferedWriter to, long step, Fields fields) {
    try {
      StringWriter line = new StringWriter();
      try (JsonGenerator g = JSON.createGenerator(line)) {
        g.writeStartObject();
        g.writeNumberField("step", step);
        g.writeNumberField("time", System.currentTimeMillis());
        fields.write(g);
        g.writeEndObject();
      }
      to.write(line.toString());
      to.write('\n');
      to.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private BufferedWriter open(String file) {
    try {
      return Files.newBufferedWriter(runDirectory.resolve(file), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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
      if (warnings != null) {
        warnings.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
