package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void waitsDoubleFromHalfASecondUpToTheCapAndStartOverAfterASuccess() {
    Backoff backoff = new Backoff(3000);
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      waits.add(backoff.delayMs());
      backoff.lengthen();
    }
    assertEquals(List.of(500L, 1000L, 2000L, 3000L, 3000L, 3000L), waits);
    backoff.reset();
    assertEquals(500, backoff.delayMs());
  }
}
