package dev.gantrack.trackers.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.gantrack.trackers.TestRunServices;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.api.track.RunInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tensorboard} spec: defaults, checks, JSON names, where runs are written. */
class TensorBoardTrackerSpecTest {

  @TempDir Path tmp;

  private static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper();
    m.registerSubtypes(new NamedType(TensorBoardTrackerSpec.class, TensorBoardTrackerSpec.TYPE));
    return m;
  }

  private static RunInfo run(Path runDir) {
    return new RunInfo("run-1", "ring/gan", runDir, Map.of(), Map.of(), "name: x\n");
  }

  @Test
  void defaultsAreRunFolderTwoSecondsAndLossMetrics() {
    TensorBoardTrackerSpec s = TensorBoardTrackerSpec.defaults();
    assertNull(s.logdir());
    assertEquals(2.0, s.flushSeconds());
    assertEquals(List.of(), s.hparamsMetrics());
    assertEquals(List.of("d_loss", "g_loss"), s.allHparamsMetrics());
    assertTrue(s.hparamsExperiment());
  }

  @Test
  void readsKebabCaseOptionsByType() throws Exception {
    TrackerSpec s =
        mapper()
            .readValue(
                "{\"type\":\"tensorboard\",\"logdir\":\"tb\",\"flush-seconds\":0.5,"
                    + "\"hparams-metrics\":[\"fid\",\"g_loss\"],\"hparams-experiment\":false}",
                TrackerSpec.class);
    TensorBoardTrackerSpec tb = assertInstanceOf(TensorBoardTrackerSpec.class, s);
    assertEquals("tb", tb.logdir());
    assertEquals(0.5, tb.flushSeconds());
    assertEquals(List.of("fid", "g_loss"), tb.hparamsMetrics());
    assertEquals(List.of("d_loss", "g_loss", "fid"), tb.allHparamsMetrics());
    assertFalse(tb.hparamsExperiment());
  }

  @Test
  void writesBackTheSameOptionsAndLeavesOutAnAbsentLogdir() throws Exception {
    ObjectMapper m = mapper();
    TensorBoardTrackerSpec s = new TensorBoardTrackerSpec("tb", 3.0, List.of("fid"), true);
    String json = m.writeValueAsString(s);
    assertEquals(s, m.readValue(json, TrackerSpec.class));
    JsonNode node = m.readTree(m.writeValueAsString(TensorBoardTrackerSpec.defaults()));
    assertFalse(node.has("logdir"), node.toString());
    assertEquals(2.0, node.get("flush-seconds").asDouble());
    assertEquals(TensorBoardTrackerSpec.defaults(), m.readValue("{\"type\":\"tensorboard\"}", TrackerSpec.class));
  }

  @Test
  void rejectsOutOfRangeFlushSecondsNamingTheOption() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TensorBoardTrackerSpec(null, -1.0, null, null));
    assertTrue(e.getMessage().startsWith("flush-seconds:"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TensorBoardTrackerSpec(null, 1e9, null, null));
  }

  @Test
  void rejectsBlankLogdirAndBlankMetricNames() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new TensorBoardTrackerSpec(" ", null, null, null))
            .getMessage()
            .startsWith("logdir:"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new TensorBoardTrackerSpec(null, null, List.of(""), null))
            .getMessage()
            .startsWith("hparams-metrics:"));
  }

  @Test
  void withoutLogdirEachRunWritesToItsRunFoldersTensorboardFolder() {
    Path runDir = tmp.resolve("runs/run-1");
    try (TensorBoardTracker t =
        (TensorBoardTracker) TensorBoardTrackerSpec.defaults().create(TestRunServices.at(tmp))) {
      t.onTrainingBegin(run(runDir));
      assertEquals(runDir.resolve("tensorboard"), t.runLogDirectory());
      assertEquals(runDir.resolve("tensorboard"), t.eventFile().getParent());
    }
  }

  @Test
  void relativeLogdirResolvesAgainstTheExperimentFolderWithExperimentAndRunBelow() {
    Path base = tmp.resolve("experiments");
    TrackerSpec spec = new TensorBoardTrackerSpec("../tb", null, null, null);
    try (TensorBoardTracker t = (TensorBoardTracker) spec.create(TestRunServices.at(base))) {
      t.onTrainingBegin(run(tmp.resolve("runs/run-1")));
      // the experiment name "ring/gan" must stay one folder
      assertEquals(tmp.resolve("tb").resolve("ring_gan").resolve("run-1"), t.runLogDirectory());
    }
  }

  @Test
  void absoluteLogdirIsUsedAsIs() {
    Path abs = tmp.resolve("abs").toAbsolutePath();
    TrackerSpec spec = new TensorBoardTrackerSpec(abs.toString(), null, null, null);
    try (TensorBoardTracker t = (TensorBoardTracker) spec.create(TestRunServices.at(Path.of("/nowhere")))) {
      t.onTrainingBegin(run(tmp.resolve("runs/run-1")));
      assertEquals(abs.resolve("ring_gan/run-1"), t.runLogDirectory());
    }
  }

  @Test
  void pluginRegistersTheTrackerType() {
    List<PluginType> types = new TensorBoardPlugin().types();
    assertEquals(1, types.size());
    assertEquals(PluginKind.TRACKER, types.get(0).kind());
    assertEquals("tensorboard", types.get(0).name());
    assertEquals(TensorBoardTrackerSpec.class, types.get(0).specClass());
  }
}
