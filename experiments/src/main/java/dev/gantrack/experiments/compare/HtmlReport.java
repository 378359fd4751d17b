package dev.gantrack.experiments.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.experiments.file.SweepRank;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code gantrack report}'s page: one self-contained HTML file comparing runs. A table of the runs
 * (overrides, status, steps, final metrics, the error of a failed run; sortable by any column),
 * one chart per metric against steps with a line per run, and the runs' final sample grids side by
 * side. The charts are drawn by uPlot (MIT licence, its notice kept in the page), copied into the
 * page from its webjar together with the page's own script and styles; pictures are embedded as
 * data URLs: the page needs no network and no other file.
 */
public final class HtmlReport {
  /** Line colours of the runs, in order (Tableau 10, then two more). */
  static final List<String> COLORS = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
      "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#17becf", "#7f7f7f");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<RunRecord> runs;
  private final SweepRank rank;
  private final String title;

  /** A report of {@code runs}, its table ordered by {@code rank} (by index when null). */
  public HtmlReport(List<RunRecord> runs, SweepRank rank, String title) {
    this.runs = Ranking.order(runs, rank);
    this.rank = rank;
    this.title = title;
  }

  /** The page. */
  public String render() {
    List<String> overrides = Ranking.overrideColumns(runs);
    List<String> metrics = Ranking.metricColumns(runs, rank);
    StringBuilder h = new StringBuilder(200_000);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>gantrack report: ")
        .append(esc(title)).append("</title>\n");
    String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion();
    h.append("<!-- uPlot ").append(uplotVersion()).append(" (https://github.com/leeoniya/uPlot)\n")
        .append(resource(uplot + "/LICENSE").replace("--", "- -")).append("-->\n");
    h.append("<style>\n").append(resource(uplot + "/dist/uPlot.min.css")).append("\n")
        .append(resource("/report/report.css")).append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">").append(runs.size()).append(" runs")
        .append(rank == null ? "" : ", ranked by " + esc(rank.toString())).append("; written ")
        .append(esc(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))).append(" by gantrack report</p>\n");
    table(h, overrides, metrics);
    h.append("<h2>Metrics against steps</h2>\n<p id=\"chart-key\" class=\"key\"></p>\n<div id=\"charts\" class=\"charts\"></div>\n");
    samples(h);
    h.append("<script id=\"report-data\" type=\"application/json\">").append(data(metrics)).append("</script>\n");
    h.append("<script>\n").append(resource(uplot + "/dist/uPlot.iife.min.js")).append("\n</script>\n");
    h.append("<script>\n").append(resource("/report/report.js")).append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private void table(StringBuilder h, List<String> overrides, List<String> metrics) {
    h.append("<h2>Runs</h2>\n<table class=\"runs\" id=\"runs\">\n<thead><tr><th>#</th><th>run</th><th>status</th><th>steps</th>");
    overrides.forEach(o -> h.append("<th>").append(esc(o)).append("</th>"));
    metrics.forEach(m -> h.append("<th data-metric=\"").append(esc(m)).append("\">").append(esc(m)).append("</th>"));
    h.append("<th>error</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < runs.size(); i++) {
      RunRecord r = runs.get(i);
      h.append("<tr data-run=\"").append(esc(r.name())).append("\"><td class=\"num\" data-sort=\"").append(i + 1).append("\">")
          .append(i + 1).append("</td><td data-sort=\"").append(esc(label(r))).append("\"><span class=\"swatch\" style=\"background:")
          .append(color(i)).append("\"></span>").append(esc(label(r))).append("</td>");
      h.append("<td class=\"status-").append(r.status().name()).append("\">").append(r.status().name()).append("</td>");
      h.append("<td class=\"num\" data-sort=\"").append(r.lastStep()).append("\">").append(r.lastStep())
          .append(r.steps() > 0 ? "/" + r.steps() : "").append("</td>");
      for (String o : overrides) {
        String v = r.overrides().getOrDefault(o, "");
        h.append("<td data-sort=\"").append(esc(v)).append("\">").append(esc(v)).append("</td>");
      }
      for (String m : metrics) {
        double v = r.last(m);
        h.append("<td class=\"num\" data-sort=\"").append(Double.isFinite(v) ? String.valueOf(v) : "").append("\">")
            .append(r.series().containsKey(m) ? SweepSummary.format(v) : "").append("</td>");
      }
      h.append("<td class=\"error\">").append(r.error() == null ? "" : esc(r.error())).append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private void samples(StringBuilder h) {
    h.append("<h2>Final samples</h2>\n<div class=\"samples\">\n");
    for (int i = 0; i < runs.size(); i++) {
      RunRecord r = runs.get(i);
      Path png = r.finalSamples();
      if (png == null) {
        continue;
      }
      try {
        String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(png));
        h.append("<figure data-run=\"").append(esc(r.name())).append("\"><img alt=\"samples of ").append(esc(label(r)))
            .append("\" src=\"data:image/png;base64,").append(b64).append("\"><figcaption><span class=\"swatch\" style=\"background:")
            .append(color(i)).append("\"></span>").append(esc(label(r))).append(" (").append(esc(png.getFileName().toString()))
            .append(")</figcaption></figure>\n");
      } catch (IOException e) {
        h.append("<!-- ").append(esc(png.toString())).append(" unreadable -->\n");
      }
    }
    h.append("</div>\n");
  }

  /** The charts' data: per metric the union of logged steps and, per run, its values there (null elsewhere). */
  private String data(List<String> metrics) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode rs = root.putArray("runs");
    for (int i = 0; i < runs.size(); i++) {
      rs.addObject().put("name", runs.get(i).name()).put("label", label(runs.get(i))).put("color", color(i));
    }
    ArrayNode charts = root.putArray("charts");
    for (String m : metrics) {
      TreeSet<Long> steps = new TreeSet<>();
      runs.forEach(r -> r.series().getOrDefault(m, List.of()).forEach(p -> steps.add(p.step())));
      if (steps.isEmpty()) {
        continue;
      }
      ObjectNode chart = charts.addObject().put("metric", m);
      ArrayNode which = chart.putArray("runs");
      ArrayNode data = chart.putArray("data");
      ArrayNode xs = data.addArray();
      steps.forEach(xs::add);
      for (int i = 0; i < runs.size(); i++) {
        List<RunRecord.Point> points = runs.get(i).series().get(m);
        if (points == null) {
          continue;
        }
        which.add(i);
        Map<Long, Double> byStep = new TreeMap<>();
        points.forEach(p -> byStep.put(p.step(), p.value()));
        ArrayNode ys = data.addArray();
        for (long s : steps) {
          Double v = byStep.get(s);
          if (v == null || !Double.isFinite(v)) {
            ys.addNull();
          } else {
            ys.add(v);
          }
        }
      }
    }
    try {
      return JSON.writeValueAsString(root).replace("</", "<\\/");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How a run is named in the page: a trial by its index and overrides, another run by its folder. */
  static String label(RunRecord r) {
    if (r.index() > 0) {
      StringBuilder sb = new StringBuilder("#").append(r.index());
      r.overrides().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
      return sb.toString();
    }
    return r.name();
  }

  private static String color(int i) {
    return COLORS.get(i % COLORS.size());
  }

  /** Text made safe for HTML text and attribute values. */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The uPlot version of the webjar on the class path. */
  static String uplotVersion() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("uPlot's webjar (org.webjars.npm:uplot) is not on the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
