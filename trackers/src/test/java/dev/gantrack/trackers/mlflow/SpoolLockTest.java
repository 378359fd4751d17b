package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolLockTest {
  @TempDir Path dir;

  @Test
  void aSpoolIsLockedByOneHolderAtATimeUntilItIsReleased() throws Exception {
    SpoolLock first = SpoolLock.tryAcquire(dir);
    assertNotNull(first);
    assertNull(SpoolLock.tryAcquire(dir), "held");
    first.close();
    try (SpoolLock again = SpoolLock.tryAcquire(dir)) {
      assertNotNull(again, "released");
    }
  }
}
