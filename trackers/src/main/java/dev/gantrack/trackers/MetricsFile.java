package dev.gantrack.trackers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A run folder's {@code metrics.jsonl} read back (the local tracker writes it), or another file of
 * step rows ({@code warnings.jsonl}): its complete rows in order, each a JSON object with a {@code
 * step}; a line a crash cut short is no row.
 */
public final class MetricsFile {
  /** The file's name in a run folder. */
  public static final String NAME = "metrics.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetricsFile() {}

  /** One row: its step, its fields and the line as written. */
  public record Row(long step, ObjectNode fields, String line) {}

  /** The complete rows of {@code runDir}'s metrics.jsonl (none when it has no such file). */
  public static List<Row> rows(Path runDir) throws IOException {
    return rows(runDir, NAME);
  }

  /** The complete rows of the file {@code name} of step rows in {@code runDir} (none when there is no such file). */
  public static List<Row> rows(Path runDir, String name) throws IOException {
    List<Row> out = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(runDir.resolve(name), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return out;
    }
    for (String line : lines) {
      JsonNode row;
      try {
        row = JSON.readTree(line);
      } catch (IOException e) {
        continue; // the line a crash cut short
      }
      if (row instanceof ObjectNode obj && obj.path("step").canConvertToLong()) {
        out.add(new Row(obj.path("step").asLong(), obj, line));
      }
    }
    return out;
  }

  /**
   * Rewrites the file {@code name} of step rows in {@code runDir} (atomically) with only its complete
   * rows of steps up to {@code step}; nothing when there is no such file.
   */
  static void keepRowsUpTo(Path runDir, String name, long step) throws IOException {
    if (!Files.exists(runDir.resolve(name))) {
      return;
    }
    StringBuilder kept = new StringBuilder();
    for (Row row : rows(runDir, name)) {
      if (row.step() <= step) {
        kept.append(row.line()).append('\n');
      }
    }
    Path file = runDir.resolve(name);
    Path tmp = file.resolveSibling(name + ".tmp");
    Files.writeString(tmp, kept, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
