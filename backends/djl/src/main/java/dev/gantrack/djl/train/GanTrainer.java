package dev.gantrack.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.run.Training;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.djl.checkpoint.CheckpointSchedule;
import dev.gantrack.djl.checkpoint.Checkpoints;
import dev.gantrack.djl.kernel.PtTensorKernels;
import dev.gantrack.djl.metric.RunMetrics;
import dev.gantrack.djl.spi.listener.DiscriminatorUpdate;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.GeneratorUpdate;
import dev.gantrack.djl.spi.listener.StepOutcome;
import dev.gantrack.djl.spi.listener.TrainingProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training loop: {@code training.steps} times an {@link AdversarialStep} inside its own memory
 * scope (an {@link NDScope} and a sub-manager of the run's manager, both closed after the step, so
 * memory stays flat), with the listeners called around it in the order {@link GanTrainingListener}
 * documents. Everything else (logging, samples, metrics, histograms, the divergence
 * check) is a listener, except checkpoints ({@link CheckpointSchedule}), written once every listener
 * has seen the step so that what they hold is saved as it stands after it. A resumed run is first
 * {@link #restore}d from a checkpoint and then goes on from the step after it. Closing it frees the
 * run's memory.
 */
@Singleton
public final class GanTrainer implements Training, TrainingProgress, StepHooks {
  private final TrainingSpec training;
  private final RunContext run;
  private final AdversarialStep step;
  private final List<GanTrainingListener> listeners;
  private final List<GanTrainingListener> gradientReaders;
  private final NDManager manager;
  private final PtTensorKernels kernels;
  private final Checkpoints checkpoints;
  private final CheckpointSchedule schedule;
  private final RunMetrics metrics;
  private final boolean gradModeBefore;
  private long completed;

  @Inject
  GanTrainer(TrainingSpec training, RunContext run, AdversarialStep step, Set<GanTrainingListener> listeners,
      NDManager manager, PtTensorKernels kernels, RunStates states, Checkpoints checkpoints,
      CheckpointSchedule schedule, RunMetrics metrics) {
    this.training = training;
    this.run = run;
    this.step = step;
    this.listeners = new ArrayList<>(listeners);
    this.gradientReaders = this.listeners.stream().filter(GanTrainer::hasUpdateCallbacks).toList();
    this.manager = manager;
    this.kernels = kernels;
    this.checkpoints = checkpoints;
    this.schedule = schedule;
    states.addListeners(this.listeners);
    this.metrics = metrics;
    this.gradModeBefore = JniUtils.isGradMode();
    JniUtils.setGradMode(false); // gradient collectors switch it on for D's and G's updates only
  }

  @Override
  public long restore(Path checkpoint) throws IOException {
    completed = checkpoints.restore(checkpoint);
    return completed;
  }

  @Override
  public void run() {
    int begun = 0;
    RunStatus status = RunStatus.FAILED;
    try {
      schedule.begin(completed);
      for (GanTrainingListener l : listeners) {
        l.onTrainingBegin(this);
        begun++;
      }
      for (long s = completed + 1; s <= training.steps(); s++) {
        if (run.cancelled().getAsBoolean()) {
          break;
        }
        try (NDScope scope = new NDScope(); NDManager stepManager = manager.newSubManager()) {
          scope.suppressNotUsedWarning();
          Map<String, NDArray> values = step.run(stepManager, s, this);
          completed = s;
          StepOutcome outcome = new StepOutcome(s, training.steps(), values, step.schedules());
          for (GanTrainingListener l : listeners) {
            l.onStep(outcome);
          }
        }
        schedule.afterStep(completed, training.steps());
      }
      if (completed == training.steps()) {
        schedule.finished();
        status = RunStatus.FINISHED;
      } else {
        schedule.stopped(completed);
        status = RunStatus.KILLED;
      }
    } finally {
      end(begun, status);
    }
  }

  /** onTrainingEnd in reverse order on every listener that began; after a failure their own failures are suppressed. */
  private void end(int begun, RunStatus status) {
    RuntimeException first = null;
    for (int i = begun - 1; i >= 0; i--) {
      try {
        listeners.get(i).onTrainingEnd(this, status);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null && status != RunStatus.FAILED) {
      throw first;
    }
  }

  /** Whether {@code l} overrides a callback that could read gradients (one that does not never sees them). */
  private static boolean hasUpdateCallbacks(GanTrainingListener l) {
    try {
      return l.getClass().getMethod("onDiscriminatorStep", DiscriminatorUpdate.class).getDeclaringClass()
          != GanTrainingListener.class
          || l.getClass().getMethod("onGeneratorStep", GeneratorUpdate.class).getDeclaringClass()
          != GanTrainingListener.class;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean readsGradients(long step) {
    for (GanTrainingListener l : gradientReaders) {
      if (l.readsGradients(step)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void onDiscriminatorStep(DiscriminatorUpdate update) {
    for (GanTrainingListener l : listeners) {
      l.onDiscriminatorStep(update);
    }
  }

  @Override
  public void onGeneratorStep(GeneratorUpdate update) {
    for (GanTrainingListener l : listeners) {
      l.onGeneratorStep(update);
    }
  }

  @Override
  public long step() {
    return completed;
  }

  @Override
  public long totalSteps() {
    return training.steps();
  }

  @Override
  public long generatorUpdates() {
    return step.generatorUpdates();
  }

  @Override
  public long discriminatorUpdates() {
    return step.discriminatorUpdates();
  }

  /** The metrics' and the feature extractor's provenance. */
  @Override
  public Map<String, String> provenance() {
    return metrics.provenance();
  }

  @Override
  public void close() {
    metrics.close();
    kernels.close();
    manager.close();
    JniUtils.setGradMode(gradModeBefore); // the thread's autograd mode as this trainer found it
  }
}
