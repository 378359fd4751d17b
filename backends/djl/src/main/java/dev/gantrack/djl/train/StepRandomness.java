package dev.gantrack.djl.train;

import ai.djl.pytorch.jni.JniUtils;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.run.RandomStreams;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes every random draw of a step a function of (seed, step, stream), so that a run resumed from a
 * checkpoint draws exactly what the uninterrupted run drew without saving any generator's state
 * (libtorch's generator state is not reachable through DJL). At the start of each step the engine's
 * generator is reseeded from the seed and the step (latents, instance noise, noisy labels, dropout),
 * and host-side streams ({@code data}, {@code labels}, {@code sample-labels}) are made afresh for the
 * step from {@link RandomStreams#stream(String, long)}. Draws made outside a step (the sample grid's
 * fixed latents, drawn when the run is assembled) are the same in every process of a run.
 */
@Singleton
public final class StepRandomness {
  private final RandomStreams streams;
  private final Map<String, SplittableRandom> current = new HashMap<>();
  private long step;

  @Inject
  StepRandomness(RandomStreams streams) {
    this.streams = streams;
  }

  /** Starts step {@code s}: reseeds the engine's generator and forgets the last step's host streams. */
  void begin(long s) {
    step = s;
    current.clear();
    JniUtils.setSeed(streams.engineSeed(s));
  }

  /** The host stream for {@code purpose} in the current step: one generator per step, shared by the step's draws. */
  public SplittableRandom stream(String purpose) {
    return current.computeIfAbsent(purpose, p -> streams.stream(p, step));
  }
}
