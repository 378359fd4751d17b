package dev.gantrack.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gantrack.api.track.RunInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console without a progress bar: one line per logged step, warnings on lines of their own. */
class ConsoleTrackerTest {
  @Test
  void aWarningIsALineOfItsOwnAndHealthMarkersAreNotPrintedAsMetrics() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleTracker console = new ConsoleTracker(false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    console.onTrainingBegin(new RunInfo("r1", "ring", Path.of("runs/ring/r1"), Map.of("training.steps", "100"), Map.of(), ""));
    Map<String, Double> step = new LinkedHashMap<>();
    step.put("d_loss", 0.5);
    step.put("g_loss", 1.25);
    console.onMetrics(50, step);
    console.onMetrics(50, Map.of("health/d-lost", 1.0));
    console.onWarning(50, "health/d-lost", "step 50: d-lost: D has lost; usually helps: R1");
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(4, lines.size(), lines.toString());
    assertEquals("  step     50/100  d_loss 0.500 g_loss 1.250  eta ", lines.get(2).replaceAll("eta .*", "eta "));
    assertEquals("  warning: step 50: d-lost: D has lost; usually helps: R1", lines.get(3));
  }
}
