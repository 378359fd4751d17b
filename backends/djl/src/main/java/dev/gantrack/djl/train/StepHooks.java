package dev.gantrack.djl.train;

import dev.gantrack.djl.spi.listener.DiscriminatorUpdate;
import dev.gantrack.djl.spi.listener.GeneratorUpdate;

/** Where {@link AdversarialStep} reports each update between its backward pass and its optimizer update. */
public interface StepHooks {
  /** None: for callers that only step. */
  StepHooks NONE = new StepHooks() {};

  /** Whether the callbacks of step {@code step} read gradients (see {@code GanTrainingListener#readsGradients}). */
  default boolean readsGradients(long step) {
    return false;
  }

  default void onDiscriminatorStep(DiscriminatorUpdate update) {}

  default void onGeneratorStep(GeneratorUpdate update) {}
}
