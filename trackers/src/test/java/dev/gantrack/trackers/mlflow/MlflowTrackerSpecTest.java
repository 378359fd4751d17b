package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.spec.TrackerSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlflowTrackerSpecTest {

  @Test
  void absentOptionsTakeTheirDefaults() {
    MlflowTrackerSpec s = MlflowTrackerSpec.of(null, null, null, null, null, Map.of());
    assertEquals("http://127.0.0.1:5000", s.trackingUri());
    assertNull(s.experiment(), "the gantrack experiment's name, known when the run begins");
    assertNull(s.runName(), "the run id, known when the run begins");
    assertTrue(s.uploadArtifacts());
    assertEquals(30, s.retrySeconds());
  }

  @Test
  void theTrackingUriDefaultsToTheEnvironment() {
    MlflowTrackerSpec s = MlflowTrackerSpec.of(null, null, null, null, null,
        Map.of("MLFLOW_TRACKING_URI", "https://mlflow.example.org/"));
    assertEquals("https://mlflow.example.org", s.trackingUri());
    MlflowTrackerSpec explicit = MlflowTrackerSpec.of("http://h:1", null, null, null, null,
        Map.of("MLFLOW_TRACKING_URI", "https://mlflow.example.org"));
    assertEquals("http://h:1", explicit.trackingUri());
  }

  @Test
  void credentialsInTheTrackingUriAreRefusedWithoutRepeatingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MlflowTrackerSpec.of("http://bob:hunter2@mlflow:5000", null, null, null, null, Map.of()));
    assertTrue(e.getMessage().startsWith("tracking-uri"), e.getMessage());
    assertTrue(e.getMessage().contains("MLFLOW_TRACKING_TOKEN"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void badOptionsAreRefusedNamingTheOption() {
    assertMessage("tracking-uri", () -> MlflowTrackerSpec.of("file:///tmp/mlruns", null, null, null, null, Map.of()));
    assertMessage("tracking-uri", () -> MlflowTrackerSpec.of(null, null, null, null, null,
        Map.of("MLFLOW_TRACKING_URI", "databricks")));
    assertMessage("retry-seconds", () -> MlflowTrackerSpec.of(null, null, null, null, 0, Map.of()));
    assertMessage("experiment", () -> MlflowTrackerSpec.of(null, " ", null, null, null, Map.of()));
    assertMessage("run-name", () -> MlflowTrackerSpec.of(null, null, "r".repeat(251), null, null, Map.of()));
  }

  @Test
  void itIsReadFromAndWrittenToKebabCaseOptions() throws Exception {
    ObjectMapper json = new ObjectMapper();
    json.registerSubtypes(new NamedType(MlflowTrackerSpec.class, MlflowTrackerSpec.TYPE));
    TrackerSpec read = json.readValue("""
        {"type": "mlflow", "tracking-uri": "http://mlflow:5000", "experiment": "dcgan",
         "run-name": "lr-2e-4", "upload-artifacts": false, "retry-seconds": 5}""", TrackerSpec.class);
    assertEquals(new MlflowTrackerSpec("http://mlflow:5000", "dcgan", "lr-2e-4", false, 5), read);
    String written = json.writeValueAsString(read);
    assertTrue(written.contains("\"tracking-uri\":\"http://mlflow:5000\""), written);
    assertTrue(written.contains("\"upload-artifacts\":false"), written);
    assertEquals(read, json.readValue(written, TrackerSpec.class));
    TrackerSpec minimal = json.readValue("{\"type\": \"mlflow\"}", TrackerSpec.class);
    assertTrue(((MlflowTrackerSpec) minimal).uploadArtifacts());
  }

  @Test
  void thePluginRegistersTheMlflowTrackerType() {
    List<PluginType> types = new MlflowPlugin().types();
    assertEquals(1, types.size());
    assertEquals(PluginKind.TRACKER, types.get(0).kind());
    assertEquals("mlflow", types.get(0).name());
    assertEquals(MlflowTrackerSpec.class, types.get(0).specClass());
  }

  private static void assertMessage(String option, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().startsWith(option), ex.getMessage());
  }
}
