package dev.gantrack.djl.train;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.Role;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.DjlNoiseSpec;
import dev.gantrack.djl.spi.DjlPenaltySpec;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.state.RunState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every part of a run whose state a checkpoint holds, by the name it is saved under (see {@link
 * RunState}): the networks and their transforms ({@link GanModel#states()}), the update counters
 * ({@code updates}), each role's runtime piece that implements {@link RunState} (named by its role's
 * field: {@code ttur.generator}, {@code ttur.discriminator}, {@code loss}, {@code loss.penalty},
 * {@code penalty}, {@code label-smoothing}, {@code latent}, {@code instance-noise}), the pieces plugins
 * bind with {@link RunState#bind}, and the trainer's listeners that implement it ({@code
 * listeners.<class name>}, added by the trainer, which owns the listener instances).
 */
@Singleton
public final class RunStates {
  private final Map<String, RunState> parts = new LinkedHashMap<>();

  @Inject
  RunStates(GanModel model, AdversarialStep step, Optimizers optimizers, DjlLossSpec.Loss loss,
      DjlLabelSmoothingSpec.LabelSmoothing smoothing, DjlNoiseSpec.Latent latent,
      Optional<DjlNoiseSpec.InstanceNoise> instanceNoise, List<DjlPenaltySpec.Penalty> penalties,
      Map<String, RunState> bound) {
    model.states().forEach(this::add);
    add("updates", step);
    addIfState(Role.TTUR.key() + ".generator", optimizers.generator());
    addIfState(Role.TTUR.key() + ".discriminator", optimizers.discriminator());
    addIfState(Role.LOSS.key(), loss);
    for (DjlPenaltySpec.Penalty p : penalties) {
      addIfState(p == loss.penalty() ? Role.LOSS.key() + ".penalty" : Role.PENALTY.key(), p);
    }
    addIfState(Role.LABEL_SMOOTHING.key(), smoothing);
    addIfState(Role.LATENT.key(), latent);
    instanceNoise.ifPresent(n -> addIfState(Role.INSTANCE_NOISE.key(), n));
    bound.forEach(this::add);
  }

  /** Adds the listeners that implement {@link RunState}, as {@code listeners.<class name>}. */
  void addListeners(List<GanTrainingListener> listeners) {
    for (GanTrainingListener l : listeners) {
      addIfState("listeners." + l.getClass().getName(), l);
    }
  }

  /** The parts by name, in the order they are saved. */
  public Map<String, RunState> parts() {
    return Collections.unmodifiableMap(parts);
  }

  private void addIfState(String name, Object piece) {
    if (piece instanceof RunState state) {
      add(name, state);
    }
  }

  private void add(String name, RunState state) {
    if (parts.containsKey(name)) {
      throw new IllegalStateException("two parts of the run save their state as '" + name + "'");
    }
    parts.put(name, state);
  }
}
