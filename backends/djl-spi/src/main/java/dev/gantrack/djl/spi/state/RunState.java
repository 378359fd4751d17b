package dev.gantrack.djl.spi.state;

import com.google.inject.Binder;
import com.google.inject.binder.LinkedBindingBuilder;
import com.google.inject.multibindings.MapBinder;
import dev.gantrack.api.PublicApi;

/**
 * A part of a run whose state must survive the process: saved in every checkpoint, restored when
 * the run is resumed ({@code gantrack resume RUN_DIR}), so that the resumed run continues bit for bit
 * as the uninterrupted one would have.
 *
 * <p>Who is saved. Every runtime piece a spec creates that implements this interface (a loss, penalty,
 * label smoothing, latent or instance noise, an optimizer, a weight transform such as spectral norm's,
 * a metric), every {@link dev.gantrack.djl.spi.listener.GanTrainingListener} that implements it, and
 * every piece a plugin binds with {@link #bind}. Each is saved under one name: its role's field for a
 * role's piece ({@code ttur.generator}, {@code loss}, {@code metrics.0}, {@code
 * spectral-norm.discriminator.<parameter>}), {@code listeners.<class name>} for a listener, the bound
 * name for a bound piece. gantrack's own parts use the same contract: G, D and the EMA copy (every
 * parameter, BatchNorm's running statistics included), the optimizers' buffers, spectral norm's u and
 * v, the step and update counters.
 *
 * <p>What need not be saved. Random draws: the engine's generator is reseeded at the start of every
 * step from the seed and the step, and {@link dev.gantrack.api.run.RandomStreams#stream(String, long)}
 * gives host-side draws that depend only on (seed, purpose, step); a part whose draws come from these
 * has no random state to save. Anything computed from the step or the update counts (learning-rate
 * schedules, annealing) is restored with the counters.
 *
 * <p>When. {@link #save} is called on the training thread after a step's listeners have run (every
 * {@code training.checkpoint-every} steps, when the run is stopped, and at its end), outside any
 * gradient collector and outside the step's memory scope. {@link #restore} is called once, on the
 * thread that assembled the run, after every piece is built and before {@code onTrainingBegin}; it
 * changes the part's state in place (arrays keep their identity, so whoever holds them sees the
 * restored values). A part must save and restore the same names; a checkpoint that does not hold
 * what a part asks for fails the resume with a message naming the part and the entry.
 *
 * <p>Array lifetimes. {@link StateWriter#array} copies the values to the host during the call and
 * keeps no reference; {@link StateReader#arrayInto} copies into the caller's array during the call;
 * neither closes anything it is given.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface RunState {
  /** Writes this part's state: its arrays and its host values (counters, records). */
  void save(StateWriter out);

  /** Sets this part's state, in place, to what {@link #save} wrote. */
  void restore(StateReader in);

  /**
   * Adds a run-scoped piece to every run's checkpoints under {@code name}, from a plugin's {@code
   * configure(Binder)}: {@code RunState.bind(binder, "my-plugin.window").to(MyWindow.class)}. Bind it in
   * singleton scope (or to an instance) so that the piece saved is the one the run uses.
   */
  static LinkedBindingBuilder<RunState> bind(Binder binder, String name) {
    return MapBinder.newMapBinder(binder, String.class, RunState.class).addBinding(name);
  }
}
