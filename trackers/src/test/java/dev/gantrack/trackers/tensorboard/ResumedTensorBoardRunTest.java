package dev.gantrack.trackers.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that died after step 13 with a checkpoint at step 10, and its resumed process (a second
 * tracker on the same run folder): TensorBoard's readers show steps 1-10 from the first event file and
 * 11-20 from the second, each once, with the second process's values.
 */
class ResumedTensorBoardRunTest {
  @TempDir Path tmp;

  @Test
  void theResumedFilesSessionStartHidesWhatTheDeadProcessWroteAfterTheCheckpoint() throws Exception {
    RunInfo first = new RunInfo("r1", "ring", tmp, Map.of("loss.type", "hinge"), Map.of(), "name: ring\n");
    TensorBoardTracker dead = new TensorBoardTracker(null, 0, List.of(), true);
    dead.onTrainingBegin(first);
    for (long step = 1; step <= 13; step++) {
      dead.onMetrics(step, Map.of("d_loss", 100.0 + step)); // steps 11-13: lost with the process
      if (step == 10) {
        dead.onCheckpoint(step);
      }
    }
    dead.close(); // as the file stands after a kill: nothing of the session's end

    RunInfo resumed = new RunInfo("r1", "ring", tmp, Map.of("loss.type", "hinge"), Map.of(), "name: ring\n", 10);
    TensorBoardTracker again = new TensorBoardTracker(null, 0, List.of(), true);
    again.onTrainingBegin(resumed);
    for (long step = 11; step <= 20; step++) {
      again.onMetrics(step, Map.of("d_loss", 200.0 + step));
    }
    again.onTrainingEnd(RunStatus.FINISHED);
    again.close();

    PythonTool.Result r = PythonTool.run(PythonTool.resource("tensorboard/read_events.py"), Duration.ofMinutes(2),
        tmp.resolve("tensorboard").toString());
    JsonNode tb = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(r.stdout());
    assertEquals(2, tb.path("records").size(), "one event file per process");
    Map<Long, Double> want = new TreeMap<>();
    for (long step = 1; step <= 20; step++) {
      want.put(step, step <= 10 ? 100.0 + step : 200.0 + step);
    }
    assertEquals(want, series(tb.path("legacy").elements().next().path("scalars").path("d_loss")), "event accumulator");
    assertEquals(want, series(tb.path("provider").path("scalars").elements().next().path("d_loss")), "data provider");
    JsonNode end = tb.path("legacy").elements().next().path("hparams").path("_hparams_/session_end_info");
    assertEquals("STATUS_SUCCESS", end.path("status").asText(), end.toString());
    assertTrue(tb.path("legacy").elements().next().path("text").has("experiment"), "the first file's text stays");
  }

  private static Map<Long, Double> series(JsonNode points) {
    Map<Long, Double> out = new TreeMap<>();
    for (JsonNode p : points) {
      assertEquals(null, out.put(p.get(0).asLong(), p.get(2).asDouble()), "step " + p.get(0) + " twice");
    }
    return out;
  }
}
