package dev.gantrack.trackers.tensorboard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker's conversions and its never-throw behaviour (no Python). */
class TensorBoardTrackerTest {

  @TempDir Path tmp;

  @Test
  void theMetricProvenanceTextIsATableOfTheMetricAndExtractorTagsOnly() {
    Map<String, String> tags = Map.of("gantrack.version", "0.1", "gantrack.metrics.0.samples", "500",
        "gantrack.feature-extractor.sha256", "ab|cd", "gantrack.plugin.metrics.0", "fid = x");
    assertEquals("| tag | value |\n|---|---|\n| gantrack.feature-extractor.sha256 | ab\\|cd |\n"
        + "| gantrack.metrics.0.samples | 500 |\n", TensorBoardTracker.metricProvenance(tags));
    assertEquals("", TensorBoardTracker.metricProvenance(Map.of("gantrack.version", "0.1")));
  }

  @Test
  void numericParamsBecomeNumbersBooleansBooleansAndTheRestStrings() {
    assertEquals(64.0, HParams.value("64"));
    assertEquals(2e-4, HParams.value("0.0002"));
    assertEquals(1e-4, HParams.value("1e-4"));
    assertEquals(-0.5, HParams.value("-.5"));
    assertEquals(true, HParams.value("true"));
    assertEquals(false, HParams.value("False"));
    assertEquals("wgan-gp", HParams.value("wgan-gp"));
    assertEquals("", HParams.value(""));
    assertEquals("", HParams.value(null));
  }

  @Test
  void numberLikeStringsADoubleCannotHoldStayStrings() {
    assertEquals("NaN", HParams.value("NaN"));
    assertEquals("Infinity", HParams.value("Infinity"));
    assertEquals("0x10", HParams.value("0x10"));
    assertEquals("1e999", HParams.value("1e999"));
    assertEquals("12345678901234567890", HParams.value("12345678901234567890"));
    assertEquals("1.0.3", HParams.value("1.0.3"));
    assertEquals("2d", HParams.value("2d"));
  }

  @Test
  void hparamsAreSortedByName() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("z", "1");
    params.put("a", "x");
    assertEquals(List.of("a", "z"), List.copyOf(HParams.of(params).keySet()));
  }

  @Test
  void groupNameIsTheSameForEqualHparamsAndDiffersOtherwise() {
    Map<String, Object> a = HParams.of(Map.of("lr", "0.1", "loss", "hinge"));
    Map<String, Object> b = HParams.of(Map.of("loss", "hinge", "lr", "0.1"));
    Map<String, Object> c = HParams.of(Map.of("loss", "hinge", "lr", "0.2"));
    Map<String, Object> d = HParams.of(Map.of("loss", "hinge", "lr", "x0.1"));
    assertEquals(HParams.groupName(a), HParams.groupName(b));
    assertNotEquals(HParams.groupName(a), HParams.groupName(c));
    assertNotEquals(HParams.groupName(a), HParams.groupName(d));
    assertEquals(64, HParams.groupName(a).length());
  }

  @Test
  void runStatusMapsToHparamsStatus() {
    assertEquals(EventFileWriter.SessionStatus.SUCCESS, TensorBoardTracker.sessionStatus(RunStatus.FINISHED));
    assertEquals(EventFileWriter.SessionStatus.FAILURE, TensorBoardTracker.sessionStatus(RunStatus.FAILED));
    assertEquals(EventFileWriter.SessionStatus.FAILURE, TensorBoardTracker.sessionStatus(RunStatus.KILLED));
    assertEquals(EventFileWriter.SessionStatus.UNKNOWN, TensorBoardTracker.sessionStatus(null));
  }

  @Test
  void yamlIsFencedWithALongerFenceThanAnyInside() {
    assertEquals("```yaml\na: 1\n```\n", TensorBoardTracker.yamlBlock("a: 1\n"));
    assertEquals("```yaml\na: 1\n```\n", TensorBoardTracker.yamlBlock("a: 1"));
    assertEquals("````yaml\nd: \"```\"\n````\n", TensorBoardTracker.yamlBlock("d: \"```\"\n"));
  }

  @Test
  void namesBecomeSinglePathSegments() {
    assertEquals("ring_gan", TensorBoardTracker.pathSegment("ring/gan"));
    assertEquals("a_b", TensorBoardTracker.pathSegment("a\\b"));
    assertEquals("dcgan mnist", TensorBoardTracker.pathSegment("dcgan mnist"));
    assertEquals("_..", TensorBoardTracker.pathSegment(".."));
    assertEquals("_", TensorBoardTracker.pathSegment(""));
  }

  @Test
  void callbacksBeforeTheRunBeginsAreIgnored() {
    TensorBoardTracker t = new TensorBoardTracker(tmp, 2, List.of("d_loss"), true);
    assertDoesNotThrow(
        () -> {
          t.onMetrics(1, Map.of("d_loss", 1.0));
          t.onImage(1, "s", new byte[0], 1, 1);
          t.onHistogram(1, "h", new float[] {1});
          t.onTrainingEnd(RunStatus.FINISHED);
          t.close();
        });
    assertNull(t.runLogDirectory());
  }

  @Test
  void unwritableLogdirNeverThrowsIntoTraining() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    TensorBoardTracker t = new TensorBoardTracker(file, 2, List.of("d_loss"), true);
    RunInfo run = new RunInfo("r", "e", tmp, Map.of("a", "1"), Map.of(), "a: 1\n");
    assertDoesNotThrow(
        () -> {
          t.onTrainingBegin(run);
          t.onMetrics(1, Map.of("d_loss", 1.0));
          t.onImage(1, "s", new byte[0], 1, 1);
          t.onHistogram(1, "h", new float[] {1});
          t.onTrainingEnd(RunStatus.FAILED);
          t.close();
        });
  }
}
