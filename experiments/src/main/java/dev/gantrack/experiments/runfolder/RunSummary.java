package dev.gantrack.experiments.runfolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.trackers.MetricsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One run folder as {@code gantrack runs} shows it: experiment name, run id, status (CRASHED for a run
 * whose status says RUNNING but whose process is gone: its {@link RunLock} is free, and it is not a
 * process on another machine that beat recently), the last step
 * logged of the steps it is to make, how long ago it was last active, and its best value of the first
 * quality metric it logs ({@link #METRICS}, in that order).
 *
 * @param name the experiment's name
 * @param id the run's id (its folder's name)
 * @param folder the run folder
 * @param status FINISHED, FAILED, KILLED, RUNNING or CRASHED
 * @param step the last step in metrics.jsonl (0 when none)
 * @param steps {@code training.steps}
 * @param idle time since the run was last active (its heartbeat, or when it ended)
 * @param best e.g. {@code modes_captured 8 @ 1500}, or null when no quality metric was logged
 */
public record RunSummary(String name, String id, Path folder, String status, long step, long steps, Duration idle,
    String best) {
  /** A run whose status says it is training but whose process is gone. */
  public static final String CRASHED = "CRASHED";

  /** Quality metrics shown as "best", first found first, with whether higher is better. */
  static final List<Map.Entry<String, Boolean>> METRICS = List.of(Map.entry("fid", false), Map.entry("kid", false),
      Map.entry("modes_captured", true), Map.entry("inception_score", true), Map.entry("reverse_kl", false));

  private static final ObjectMapper JSON = new ObjectMapper();

  /** True when the run can be continued with {@code gantrack resume}. */
  public boolean resumable() {
    return CRASHED.equals(status) || "KILLED".equals(status);
  }

  /** Reads {@code folder} (a folder holding {@code experiment.yaml}). */
  public static RunSummary of(Path folder, Instant now) throws IOException {
    StatusFile.Contents s = StatusFile.read(folder);
    String status = s == null ? StatusFile.RUNNING : s.state();
    Instant active = s == null ? Files.getLastModifiedTime(folder).toInstant()
        : Files.getLastModifiedTime(folder.resolve(StatusFile.FILE)).toInstant();
    if (StatusFile.RUNNING.equals(status)) {
      if (!RunLock.held(folder) && (s == null || !s.aliveElsewhere(now))) {
        status = CRASHED;
      }
      active = parse(s == null ? null : s.field("heartbeat"), active);
    }
    JsonNode provenance = read(folder.resolve("provenance.json"));
    String name = provenance.path("experiment").path("name").asText(folder.getParent().getFileName().toString());
    long steps = provenance.path("experiment").path("training").path("steps").asLong(0);
    long step = 0;
    String best = null;
    double bestValue = Double.NaN;
    int bestRank = Integer.MAX_VALUE;
    for (MetricsFile.Row row : MetricsFile.rows(folder)) {
      step = Math.max(step, row.step());
      for (Iterator<String> it = row.fields().fieldNames(); it.hasNext(); ) {
        String key = it.next();
        for (int rank = 0; rank < METRICS.size() && rank <= bestRank; rank++) {
          Map.Entry<String, Boolean> m = METRICS.get(rank);
          double v = row.fields().path(key).asDouble(Double.NaN);
          if (!m.getKey().equals(key) || Double.isNaN(v)) {
            continue;
          }
          if (rank < bestRank || (m.getValue() ? v > bestValue : v < bestValue)) {
            bestRank = rank;
            bestValue = v;
            best = key + " " + format(v) + " @ " + row.step();
          }
        }
      }
    }
    return new RunSummary(name, folder.getFileName().toString(), folder, status, step, steps,
        Duration.between(active, now).isNegative() ? Duration.ZERO : Duration.between(active, now), best);
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static Instant parse(String time, Instant otherwise) {
    try {
      return time == null ? otherwise : Instant.parse(time);
    } catch (DateTimeParseException e) {
      return otherwise;
    }
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.4g", v);
  }
}
