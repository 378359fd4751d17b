package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed run logs again the steps after its checkpoint; what the dead process's spool already
 * holds is not logged twice, and what it had not spooled yet (the rest of its last step) is not lost.
 */
class SpoolEntriesResumeTest {
  @TempDir Path dir;

  @Test
  void theSpoolsLastStepKeepsOnlyTheValuesItDoesNotHold() throws Exception {
    SpoolEntries before = new SpoolEntries(List.of());
    try (Spool spool = Spool.open(dir)) {
      spool.append("metrics", before.metrics(40, Map.of("d_loss", 0.5, "high_quality_pct", 10.0)));
      spool.append("metrics", before.metrics(50, Map.of("d_loss", 0.4, "g_loss", 1.2))); // then the process died
    }
    SpoolEntries resumed = new SpoolEntries(List.of());
    assertEquals(50, resumed.restore(dir));
    assertEquals(Map.of(), resumed.notSpooled(40, Map.of("d_loss", 0.5, "high_quality_pct", 10.0)));
    assertEquals(Map.of("high_quality_pct", 12.0),
        resumed.notSpooled(50, Map.of("d_loss", 0.4, "high_quality_pct", 12.0)), "the metric the dead process never spooled");
    assertEquals(Map.of("d_loss", 0.3), resumed.notSpooled(55, Map.of("d_loss", 0.3)));
  }
}
