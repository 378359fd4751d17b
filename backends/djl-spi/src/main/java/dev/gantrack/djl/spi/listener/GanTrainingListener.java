package dev.gantrack.djl.spi.listener;

import com.google.inject.Binder;
import com.google.inject.binder.LinkedBindingBuilder;
import com.google.inject.multibindings.Multibinder;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.track.RunStatus;

/**
 * Everything around the adversarial step, in the style of DJL's {@code TrainingListener}: logging,
 * sample grids, metric evaluation, histograms and the divergence check are listeners,
 * and a plugin adds its own by binding one in its module ({@code GanTrainingListener.bind(binder)
 * .to(MyListener.class)}); Guice builds it for each run, injecting what its constructor asks for.
 * Every method has a no-op default, so the interface is its own adapter: override what you need.
 *
 * <p>Order. {@link #onTrainingBegin} once, before the first step. Then for every step: for each of
 * the k D updates, D's forward passes, loss and penalties and its backward pass, then {@link
 * #onDiscriminatorStep} (D's gradients hold this update's values), then D's optimizer update; then
 * G's forward and backward pass, {@link #onGeneratorStep} (G's gradients hold this update's
 * values), G's optimizer update and the EMA update; then {@link #onStep}. Gradients: before a step's
 * updates the trainer asks {@link #readsGradients} of every listener that overrides {@link
 * #onDiscriminatorStep} or {@link #onGeneratorStep}; where none says yes, the backward passes are
 * left to optimizers that compute the gradients inside their update (no {@code .grad} is written),
 * and the two callbacks still run, at the same points, without the update's gradients. Finally {@link
 * #onTrainingEnd} once, also when the run is stopped or fails. Checkpoints are written after every
 * listener's {@link #onStep} of their step (and, when the run is stopped, before {@link
 * #onTrainingEnd}), so a listener that implements {@link dev.gantrack.djl.spi.state.RunState} is saved
 * as it stands after the step. Listeners are called in binding order
 * (gantrack's own first: logging, divergence check, samples, metrics, health monitor, histograms; then
 * plugins' in the order their modules are installed), {@link #onTrainingEnd} in reverse order. All
 * calls come from the training thread.
 *
 * <p>Array lifetimes. Arrays handed to a step callback, and arrays a step callback creates, belong to
 * the step's memory scope and are freed when the step ends; gradients are valid only during the
 * callback (the optimizer update then clears them). Copy to the host what you keep; never close an
 * array you are given. {@link #onTrainingBegin} and {@link #onTrainingEnd} run outside any step:
 * allocate there in a manager of your own and close it.
 *
 * <p>Failures. An exception from a listener ends the run as FAILED ({@link #onTrainingEnd} is still
 * called on every listener whose {@link #onTrainingBegin} ran).
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface GanTrainingListener {
  /** Once, before the first step. */
  default void onTrainingBegin(TrainingProgress progress) {}

  /**
   * Whether {@link #onDiscriminatorStep} or {@link #onGeneratorStep} of step {@code step} read the
   * networks' gradients: asked once before the step's updates, only of listeners that override one of
   * them. True by default (gradients on every step); a listener that reads them on some steps only
   * (histograms every N steps) or never (it reads the loss) says so, and the other steps run faster.
   */
  default boolean readsGradients(long step) {
    return true;
  }

  /** After the backward pass of one D update, before D's optimizer applies it. */
  default void onDiscriminatorStep(DiscriminatorUpdate update) {}

  /** After G's backward pass, before G's optimizer applies it. */
  default void onGeneratorStep(GeneratorUpdate update) {}

  /** After the step's G update and the EMA update: the step's values, still on the device. */
  default void onStep(StepOutcome outcome) {}

  /** Once, at the end: FINISHED after the last step, KILLED when stopped, FAILED when the run failed. */
  default void onTrainingEnd(TrainingProgress progress, RunStatus status) {}

  /** Adds a listener to every run, from a plugin's {@code configure(Binder)}: {@code bind(binder).to(MyListener.class)}. */
  static LinkedBindingBuilder<GanTrainingListener> bind(Binder binder) {
    return Multibinder.newSetBinder(binder, GanTrainingListener.class).addBinding();
  }
}
