package dev.gantrack.experiments.compare;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Metrics against steps as a PNG (XChart): one chart per metric, stacked, one line per run, from the
 * runs' own {@code metrics.jsonl}. Points whose value is not finite (a diverged step) are left out.
 */
public final class MetricPlot {
  private final List<RunRecord> runs;
  private final List<String> metrics;

  /**
   * @throws IllegalArgumentException naming a metric that none of the runs logged, and those they did
   */
  public MetricPlot(List<RunRecord> runs, List<String> metrics) {
    for (String metric : metrics) {
      if (runs.stream().noneMatch(r -> r.series().containsKey(metric))) {
        TreeSet<String> logged = new TreeSet<>();
        runs.forEach(r -> logged.addAll(r.series().keySet()));
        throw new IllegalArgumentException("no run logged '" + metric + "'; they logged: " + String.join(", ", logged));
      }
    }
    this.runs = List.copyOf(runs);
    this.metrics = List.copyOf(metrics);
  }

  /** Writes the PNG, each chart {@code width} x {@code height} pixels. */
  public void write(OutputStream out, int width, int height) throws IOException {
    List<XYChart> charts = new ArrayList<>();
    for (String metric : metrics) {
      XYChart chart = new XYChartBuilder().width(width).height(height).title(metric + " against steps")
          .xAxisTitle("step").yAxisTitle(metric).build();
      chart.getStyler().setLegendVisible(runs.size() > 1);
      for (Map.Entry<String, double[][]> line : lines(metric).entrySet()) {
        chart.addSeries(line.getKey(), line.getValue()[0], line.getValue()[1]).setMarker(SeriesMarkers.CIRCLE);
      }
      charts.add(chart);
    }
    BitmapEncoder.saveBitmap(charts, charts.size(), 1, out, BitmapEncoder.BitmapFormat.PNG);
  }

  /** Run label -> {steps, values} of {@code metric}, finite points only; runs without a point are left out. */
  Map<String, double[][]> lines(String metric) {
    Map<String, double[][]> out = new LinkedHashMap<>();
    for (RunRecord run : runs) {
      List<RunRecord.Point> points = run.series().getOrDefault(metric, List.of()).stream()
          .filter(p -> Double.isFinite(p.value())).toList();
      if (points.isEmpty()) {
        continue;
      }
      double[][] xy = new double[2][points.size()];
      for (int i = 0; i < points.size(); i++) {
        xy[0][i] = points.get(i).step();
        xy[1][i] = points.get(i).value();
      }
      String label = run.overrides().isEmpty() ? run.name() : run.name() + " " + run.overrides();
      out.merge(label, xy, (a, b) -> a); // two folders of the same name: the first one's line
    }
    return out;
  }
}
