package dev.gantrack.trackers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.api.track.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder keeps warnings in warnings.jsonl beside metrics.jsonl, made only when there is one. */
class LocalRunTrackerTest {
  @TempDir Path run;

  @Test
  void warningsGoToWarningsJsonlWithStepTagAndMessage() throws IOException {
    try (LocalRunTracker local = new LocalRunTracker()) {
      local.onTrainingBegin(new RunInfo("r1", "ring", run, Map.of(), Map.of(), ""));
      local.onMetrics(10, Map.of("d_loss", 0.7));
      assertFalse(Files.exists(run.resolve("warnings.jsonl")), "no warning, no file");
      local.onWarning(20, "health/balance", "step 20: balance: \"quoted\"; usually helps: more");
      local.onWarning(40, "health/d-lost", "step 40: d-lost");
    }
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> rows = Files.readAllLines(run.resolve("warnings.jsonl")).stream().map(l -> {
      try {
        return json.readTree(l);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
    assertEquals(2, rows.size());
    assertEquals(20, rows.get(0).get("step").asLong());
    assertEquals("health/balance", rows.get(0).get("tag").asText());
    assertEquals("step 20: balance: \"quoted\"; usually helps: more", rows.get(0).get("message").asText());
    assertEquals("health/d-lost", rows.get(1).get("tag").asText());
    assertEquals(1, Files.readAllLines(run.resolve("metrics.jsonl")).size());
  }
}
