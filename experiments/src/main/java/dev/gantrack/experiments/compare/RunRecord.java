package dev.gantrack.experiments.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gantrack.experiments.sweep.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A run folder read back for comparison: which run it is (a sweep's trial knows its index and
 * overrides from {@code trial.json}), how it ended ({@code status}), how far it got and every metric
 * it logged ({@code metrics.jsonl}), and its sample grids. Reading never fails on a partial folder
 * (a run still going, or one that crashed): what is missing is empty.
 *
 * @param index the trial's index in its sweep, 0 for a plain run
 * @param steps the steps the run was to train for (0 when unknown)
 * @param lastStep the last logged step
 * @param series metric to its logged points, in order
 */
public record RunRecord(Path dir, String name, int index, Map<String, String> overrides, TrialStatus status,
    String error, long steps, long lastStep, Map<String, List<Point>> series, List<Path> samples) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  /** One logged value. */
  public record Point(long step, double value) {}

  /** Reads {@code dir}. */
  public static RunRecord read(Path dir) throws IOException {
    Map<String, String> overrides = new LinkedHashMap<>();
    int index = 0;
    Path trial = dir.resolve("trial.json");
    if (Files.isRegularFile(trial)) {
      JsonNode t = JSON.readTree(trial.toFile());
      index = t.path("index").asInt();
      for (Iterator<Map.Entry<String, JsonNode>> it = t.path("overrides").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        overrides.put(e.getKey(), e.getValue().asText());
      }
    }
    long steps = 0;
    Path experiment = dir.resolve("experiment.yaml");
    if (Files.isRegularFile(experiment)) {
      steps = YAML.readTree(experiment.toFile()).path("training").path("steps").asLong();
    }
    TrialStatus.Read status = TrialStatus.read(dir);
    Map<String, List<Point>> series = new TreeMap<>();
    long lastStep = 0;
    Path metrics = dir.resolve("metrics.jsonl");
    if (Files.isRegularFile(metrics)) {
      for (String line : Files.readAllLines(metrics)) {
        JsonNode row = parse(line);
        if (row == null || !row.has("step")) {
          continue; // blank, or a line still being written
        }
        long step = row.get("step").asLong();
        lastStep = Math.max(lastStep, step);
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!e.getKey().equals("step") && !e.getKey().equals("time")) {
            series.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new Point(step, number(e.getValue())));
          }
        }
      }
    }
    List<Path> samples = new ArrayList<>();
    Path folder = dir.resolve("samples");
    if (Files.isDirectory(folder)) {
      try (Stream<Path> s = Files.list(folder)) {
        s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().forEach(samples::add);
      }
    }
    return new RunRecord(dir, dir.getFileName().toString(), index, overrides, status.status(),
        cleanError(status.error()), steps, lastStep, series, samples);
  }

  /** The last logged value of each metric. */
  public Map<String, Double> finalMetrics() {
    Map<String, Double> out = new TreeMap<>();
    series.forEach((k, v) -> out.put(k, v.get(v.size() - 1).value()));
    return out;
  }

  /** The last logged value of {@code metric}, NaN when it was never logged. */
  public double last(String metric) {
    List<Point> points = series.get(metric);
    return points == null || points.isEmpty() ? Double.NaN : points.get(points.size() - 1).value();
  }

  /** The last sample grid, or null. */
  public Path finalSamples() {
    return samples.isEmpty() ? null : samples.get(samples.size() - 1);
  }

  private static JsonNode parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }

  private static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    return switch (n.asText()) {
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.NaN;
    };
  }

  /** A failure as the run wrote it, without the exception's class name ({@code java.lang.IllegalStateException: }). */
  static String cleanError(String error) {
    return error == null ? null : error.replaceFirst("^([a-z][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error): ", "");
  }
}
