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
 * A run folder's {@code metrics.jsonl} read back (the local tracker writes it): its complete rows in
 * order, each a JSON object with a {@code step}; a line a crash cut short is no row.
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
    List<Row> out = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(runDir.resolve(NAME), StandardCharsets.UTF_8);
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

  /** Rewrites {@code runDir}'s metrics.jsonl (atomically) with only its complete rows of steps up to {@code step}. */
  static void keepRowsUpTo(Path runDir, long step) throws IOException {
    StringBuilder kept = new StringBuilder();
    for (Row row : rows(runDir)) {
      if (row.step() <= step) {
        kept.append(row.line()).append('\n');
      }
    }
    Path file = runDir.resolve(NAME);
    Path tmp = file.resolveSibling(NAME + ".tmp");
    Files.writeString(tmp, kept, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
