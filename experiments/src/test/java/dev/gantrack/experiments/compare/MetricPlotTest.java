package dev.gantrack.experiments.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricPlotTest {
  @TempDir Path dir;

  private RunRecord run(String name, java.util.function.LongFunction<Double> d) throws Exception {
    return RunRecord.read(RunFolders.trial(dir, name, 0, Map.of(), 200, 200, d, s -> 1.0, "FINISHED", null, Color.RED, 8));
  }

  @Test
  void eachRunsLineIsItsLoggedStepsAndFiniteValues() throws Exception {
    RunRecord a = run("a", s -> s == 100 ? Double.NaN : s / 100.0);
    MetricPlot plot = new MetricPlot(List.of(a), List.of("d_loss"));
    double[][] line = plot.lines("d_loss").get("a");
    assertArrayEquals(new double[] {20, 40, 60, 80, 120, 140, 160, 180, 200}, line[0], "step 100's NaN left out");
    assertArrayEquals(Arrays.stream(line[0]).map(s -> s / 100.0).toArray(), line[1], 1e-12);
  }

  @Test
  void thePngHasOneChartPerMetricAndShowsTheData() throws Exception {
    RunRecord rising = run("rising", s -> s / 100.0);
    RunRecord falling = run("falling", s -> 2 - s / 100.0);
    BufferedImage two = render(new MetricPlot(List.of(rising), List.of("d_loss", "g_loss")), 600, 300);
    assertEquals(600, two.getWidth());
    assertEquals(600, two.getHeight(), "two charts stacked");
    BufferedImage up = render(new MetricPlot(List.of(rising), List.of("d_loss")), 600, 300);
    BufferedImage down = render(new MetricPlot(List.of(falling), List.of("d_loss")), 600, 300);
    assertFalse(Arrays.equals(pixels(up), pixels(down)), "different data, different pictures");
  }

  @Test
  void aMetricNoRunLoggedIsRefusedNamingWhatWasLogged() throws Exception {
    RunRecord a = run("a", s -> 0.5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MetricPlot(List.of(a), List.of("fid")));
    assertTrue(e.getMessage().contains("'fid'") && e.getMessage().contains("d_loss, g_loss"), e.getMessage());
  }

  private static BufferedImage render(MetricPlot plot, int w, int h) throws Exception {
    System.setProperty("java.awt.headless", "true");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    plot.write(out, w, h);
    return ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
  }

  private static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }
}
