package dev.gantrack.api.run;

import dev.gantrack.api.PublicApi;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The run's seeded random numbers on the host, one independent stream per purpose ({@code data},
 * {@code labels}, ...), so that a seeded run draws the same numbers every time and adding a use of
 * randomness in one place does not shift the numbers drawn in another. The engine's own generator
 * (latents, dropout) is seeded by the backend from {@link #seed()}.
 */
@PublicApi
public final class RandomStreams {
  private final long seed;

  public RandomStreams(long seed) {
    this.seed = seed;
  }

  /** The experiment's seed. */
  public long seed() {
    return seed;
  }

  /**
   * A new generator for {@code purpose}, starting from the same state every time it is asked for
   * with the same seed and purpose: ask once and keep it.
   */
  public SplittableRandom stream(String purpose) {
    long h = seed ^ 0x9E3779B97F4A7C15L;
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ b) * 0x100000001B3L;
    }
    return new SplittableRandom(new SplittableRandom(h).nextLong());
  }
}
