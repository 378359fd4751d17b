package dev.gantrack.api.run;

import dev.gantrack.api.PublicApi;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The run's seeded random numbers on the host, one independent stream per purpose ({@code data},
 * {@code labels}, ...), so that a seeded run draws the same numbers every time and adding a use of
 * randomness in one place does not shift the numbers drawn in another. The engine's own generator
 * (latents, dropout) is seeded by the backend from {@link #seed()}.
 *
 * <p>Draws made during training come from {@link #stream(String, long)}: a generator that depends
 * only on the seed, the purpose and the step, so a run resumed from a checkpoint draws exactly what
 * the uninterrupted run drew without any generator state being saved.
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
    return new SplittableRandom(new SplittableRandom(hash(purpose)).nextLong());
  }

  /**
   * A new generator for {@code purpose} at {@code step}: the same state for the same seed, purpose and
   * step, independent of every other step's. Ask for it once per step (it is cheap) and draw the
   * step's numbers from it.
   */
  public SplittableRandom stream(String purpose, long step) {
    return new SplittableRandom(mix(hash(purpose) + 0x632BE59BD9B4E019L * step));
  }

  /** A seed for the engine's generator at {@code step}: a function of the experiment's seed and the step only. */
  public long engineSeed(long step) {
    return mix(hash("engine") + 0x632BE59BD9B4E019L * step) & Long.MAX_VALUE;
  }

  private long hash(String purpose) {
    long h = seed ^ 0x9E3779B97F4A7C15L;
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ b) * 0x100000001B3L;
    }
    return h;
  }

  /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
