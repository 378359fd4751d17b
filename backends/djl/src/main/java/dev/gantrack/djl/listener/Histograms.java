package dev.gantrack.djl.listener;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.inject.Inject;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.djl.spi.listener.DiscriminatorUpdate;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.GeneratorUpdate;
import dev.gantrack.djl.spi.listener.StepOutcome;
import dev.gantrack.djl.spi.listener.TrainingProgress;
import dev.gantrack.djl.spi.run.GanNetworks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@code training.histogram-every} steps (and at the last; never when 0): histograms of G's and
 * D's weight matrices and kernels ({@code G/weights/<name>}, {@code D/weights/<name>}) and of their
 * gradients of that step ({@code D/gradients/<name>} from the step's last D update, {@code
 * G/gradients/<name>}), copied to the host before the optimizers clear them.
 */
public final class Histograms implements GanTrainingListener {
  private final int every;
  private final Tracker tracker;
  private final GanNetworks networks;
  private final Map<String, float[]> gradients = new LinkedHashMap<>();
  private long totalSteps;

  @Inject
  Histograms(TrainingSpec training, Tracker tracker, GanNetworks networks) {
    this.every = training.histogramEvery();
    this.tracker = tracker;
    this.networks = networks;
  }

  @Override
  public void onTrainingBegin(TrainingProgress progress) {
    totalSteps = progress.totalSteps();
  }

  /** Histograms are drawn at this step. */
  private boolean due(long step) {
    return every > 0 && (step % every == 0 || step == totalSteps);
  }

  @Override
  public boolean readsGradients(long step) {
    return due(step);
  }

  @Override
  public void onDiscriminatorStep(DiscriminatorUpdate update) {
    if (update.last() && due(update.step())) {
      keep("D", update.discriminator());
    }
  }

  @Override
  public void onGeneratorStep(GeneratorUpdate update) {
    if (due(update.step())) {
      keep("G", update.generator());
    }
  }

  @Override
  public void onStep(StepOutcome outcome) {
    if (!due(outcome.step())) {
      return;
    }
    for (Pair<String, Parameter> p : weightsOf(networks.generator())) {
      tracker.onHistogram(outcome.step(), "G/weights/" + p.getKey(), p.getValue().getArray().toFloatArray());
    }
    for (Pair<String, Parameter> p : weightsOf(networks.discriminator())) {
      tracker.onHistogram(outcome.step(), "D/weights/" + p.getKey(), p.getValue().getArray().toFloatArray());
    }
    gradients.forEach((tag, values) -> tracker.onHistogram(outcome.step(), tag, values));
    gradients.clear();
  }

  private void keep(String net, Block block) {
    for (Pair<String, Parameter> p : weightsOf(block)) {
      try (NDArray g = p.getValue().getArray().getGradient()) {
        gradients.put(net + "/gradients/" + p.getKey(), g.toFloatArray());
      }
    }
  }

  /** The trainable weight matrices and kernels of {@code block} (no biases, no normalisation statistics). */
  private static List<Pair<String, Parameter>> weightsOf(Block block) {
    List<Pair<String, Parameter>> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient() && p.getKey().endsWith("weight")) {
        out.add(p);
      }
    }
    return out;
  }
}
