package dev.gantrack.djl.eval.maths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.trackers.tensorboard.PythonTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Reference values computed by numpy, scipy and scikit-learn in the pinned {@code .venv} ({@code reference/metrics_reference.py}). */
final class Reference {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Reference() {}

  /** A job for the script: {@code op} and its arrays. */
  static ObjectNode job(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  /** Adds a matrix (rows of {@code d}) under {@code name}. */
  static void matrix(ObjectNode job, String name, double[] values, int d) {
    var rows = job.putArray(name);
    for (int i = 0; i < values.length / d; i++) {
      var row = rows.addArray();
      for (int j = 0; j < d; j++) {
        row.add(values[i * d + j]);
      }
    }
  }

  /** Adds a vector under {@code name}. */
  static void vector(ObjectNode job, String name, double[] values) {
    var row = job.putArray(name);
    for (double v : values) {
      row.add(v);
    }
  }

  /** Runs the job and returns its {@code value}. */
  static JsonNode run(ObjectNode job) {
    try {
      Path dir = Files.createTempDirectory("gantrack-reference");
      Path in = dir.resolve("in.json");
      Path out = dir.resolve("out.json");
      JSON.writeValue(in.toFile(), job);
      PythonTool.run(PythonTool.resource("reference/metrics_reference.py"), Duration.ofSeconds(120), in.toString(), out.toString());
      return JSON.readTree(out.toFile()).get("value");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
