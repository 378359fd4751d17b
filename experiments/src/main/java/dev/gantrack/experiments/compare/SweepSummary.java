package dev.gantrack.experiments.compare;

import dev.gantrack.experiments.file.SweepRank;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's summary: its trials ranked, as {@code summary.csv} (every override and every final
 * metric, the error of a trial that failed, its run folder) and as a table for the console (the
 * overrides, the ranked metric and the losses).
 */
public final class SweepSummary {
  private static final int ERROR_WIDTH = 70;
  private final List<RunRecord> ranked;
  private final SweepRank rank;
  private final List<String> overrides;
  private final List<String> metrics;

  /** The summary of {@code runs}, ordered by {@code rank} (by index when null). */
  public SweepSummary(List<RunRecord> runs, SweepRank rank) {
    this.ranked = Ranking.order(runs, rank);
    this.rank = rank;
    this.overrides = Ranking.overrideColumns(runs);
    this.metrics = Ranking.metricColumns(runs, rank);
  }

  /** The runs, best first. */
  public List<RunRecord> ranked() {
    return ranked;
  }

  /** Writes the CSV to {@code file} (replacing it). */
  public void writeCsv(Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("rank", "trial", "status", "steps"));
    overrides.forEach(header::add);
    metrics.forEach(header::add);
    header.add("error");
    header.add("run_folder");
    sb.append(csvLine(header));
    int place = 1;
    for (RunRecord r : ranked) {
      List<String> row = new ArrayList<>();
      row.add(String.valueOf(place++));
      row.add(String.valueOf(r.index()));
      row.add(r.status().name());
      row.add(String.valueOf(r.lastStep()));
      overrides.forEach(o -> row.add(r.overrides().getOrDefault(o, "")));
      metrics.forEach(m -> row.add(Double.isNaN(r.last(m)) && !r.series().containsKey(m) ? "" : String.valueOf(r.last(m))));
      row.add(r.error() == null ? "" : r.error());
      row.add(r.dir() == null ? "" : r.dir().toString());
      sb.append(csvLine(row));
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  /** The console table: a header line and one line per trial, columns aligned. */
  public String table() {
    List<String> shownMetrics = new ArrayList<>();
    if (rank != null) {
      shownMetrics.add(rank.metric());
    }
    for (String m : List.of("d_loss", "g_loss")) {
      if (metrics.contains(m) && !shownMetrics.contains(m)) {
        shownMetrics.add(m);
      }
    }
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("#", "trial", "status", "steps"));
    header.addAll(overrides);
    header.addAll(shownMetrics.stream().map(m -> rank != null && m.equals(rank.metric()) ? m + (rank.largestFirst() ? " (max)" : " (min)") : m).toList());
    header.add("error");
    rows.add(header);
    int place = 1;
    for (RunRecord r : ranked) {
      List<String> row = new ArrayList<>();
      row.add(String.valueOf(place++));
      row.add(String.valueOf(r.index()));
      row.add(r.status().name());
      row.add(r.lastStep() + "/" + r.steps());
      overrides.forEach(o -> row.add(r.overrides().getOrDefault(o, "")));
      shownMetrics.forEach(m -> row.add(format(r.last(m))));
      String e = r.error() == null ? "" : r.error();
      row.add(e.length() > ERROR_WIDTH ? e.substring(0, ERROR_WIDTH - 3) + "..." : e);
      rows.add(row);
    }
    int[] width = new int[header.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + width[i] + "s", row.get(i)));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  /** A number as the table shows it: 4 significant digits, "-" when never logged. */
  static String format(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v != 0) ? String.format(Locale.ROOT, "%.3e", v)
        : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String csvLine(List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (i > 0) {
        sb.append(',');
      }
      boolean quote = c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0;
      sb.append(quote ? '"' + c.replace("\"", "\"\"") + '"' : c);
    }
    return sb.append('\n').toString();
  }
}
