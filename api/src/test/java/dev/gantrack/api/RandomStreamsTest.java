package dev.gantrack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gantrack.api.run.RandomStreams;
import org.junit.jupiter.api.Test;

/** One stream per purpose: the same seed and purpose give the same numbers; other purposes or seeds other numbers. */
class RandomStreamsTest {
  static long[] draw(RandomStreams r, String purpose) {
    var s = r.stream(purpose);
    return new long[] {s.nextLong(), s.nextLong(), s.nextLong()};
  }

  @Test
  void aStreamDependsOnlyOnTheSeedAndItsPurpose() {
    assertEquals(java.util.Arrays.toString(draw(new RandomStreams(42), "data")),
        java.util.Arrays.toString(draw(new RandomStreams(42), "data")));
    assertNotEquals(draw(new RandomStreams(42), "data")[0], draw(new RandomStreams(42), "labels")[0]);
    assertNotEquals(draw(new RandomStreams(42), "data")[0], draw(new RandomStreams(43), "data")[0]);
  }
}
