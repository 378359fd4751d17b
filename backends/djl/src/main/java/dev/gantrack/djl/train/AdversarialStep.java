package dev.gantrack.djl.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.spec.TturSpec;
import dev.gantrack.djl.kernel.PtTensorKernels;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.DjlNoiseSpec;
import dev.gantrack.djl.spi.DjlPenaltySpec;
import dev.gantrack.djl.spi.DjlTturSpec;
import dev.gantrack.djl.spi.listener.DiscriminatorUpdate;
import dev.gantrack.djl.spi.listener.GeneratorUpdate;
import dev.gantrack.djl.spi.state.RunState;
import dev.gantrack.djl.spi.state.StateReader;
import dev.gantrack.djl.spi.state.StateWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One training step: k D updates on real vs. detached fake examples, then g G updates (all on one z
 * when g &gt; 1, as carpedm20's DCGAN). With {@code ttur.update: simultaneous} (k = g = 1) G's
 * gradient is taken on the D update's z before D's update is applied, so both come from the same
 * parameters and one fake batch, as ALI's and PacGAN's code do. D's and G's gradients are separate
 * gradient-collector blocks (only one can be open at a time). Every array it
 * makes lives in the caller's step manager and scope; nothing is copied to the host. Every draw of a
 * step depends only on the seed and the step ({@link StepRandomness}). Its {@link RunState} is the
 * G and D update counts (the optimizers' bias corrections and learning-rate schedules follow them).
 *
 * <p>On a step where no listener reads gradients ({@link StepHooks#readsGradients}) and an optimizer can
 * ({@link DjlTturSpec.Optimizer#updatesFromLoss}), no backward pass runs in the collector: the loss goes
 * to the optimizer, which computes its own network's gradients inside its update (not in simultaneous
 * mode for D, whose gradient must be taken before G's update and applied after it).
 */
@Singleton
public final class AdversarialStep implements RunState {
  private final GanModel model;
  private final RealBatches batches;
  private final DjlLossSpec.Loss loss;
  private final DjlLabelSmoothingSpec.LabelSmoothing labels;
  private final DjlNoiseSpec.Latent latent;
  private final DjlNoiseSpec.InstanceNoise instanceNoise;
  private final List<DjlPenaltySpec.Penalty> penalties;
  private final Optimizers optimizers;
  private final PtTensorKernels kernels;
  private final StepRandomness random;
  private final int dSteps;
  private final int gSteps;
  private final boolean simultaneous;
  private final List<NDArray> discriminatorWeightArrays;
  private final PtTensorKernels.GradientSwitch discriminatorGradients;
  private long generatorUpdates;
  private long discriminatorUpdates;

  @Inject
  AdversarialStep(TrainingSpec training, TturSpec ttur, GanModel model, RealBatches batches, DjlLossSpec.Loss loss,
      DjlLabelSmoothingSpec.LabelSmoothing labels, DjlNoiseSpec.Latent latent,
      Optional<DjlNoiseSpec.InstanceNoise> instanceNoise, List<DjlPenaltySpec.Penalty> penalties,
      Optimizers optimizers, PtTensorKernels kernels, StepRandomness random) {
    this.model = model;
    this.batches = batches;
    this.loss = loss;
    this.labels = labels;
    this.latent = latent;
    this.instanceNoise = instanceNoise.orElse(null);
    this.penalties = List.copyOf(penalties);
    this.optimizers = optimizers;
    this.kernels = kernels;
    this.random = random;
    this.dSteps = ttur.dSteps();
    this.gSteps = ttur.gSteps();
    this.simultaneous = ttur.simultaneous();
    this.discriminatorWeightArrays = model.discriminatorWeights().stream().map(Parameter::getArray).toList();
    this.discriminatorGradients = kernels.gradientSwitch(discriminatorWeightArrays);
  }

  /**
   * Step {@code step}: returns its values as device scalars of {@code stepManager} ({@code d_loss},
   * {@code g_loss}, {@code d_real}, {@code d_fake}, each penalty and {@code d_loss_total}), valid until
   * the caller's scope closes. {@code hooks} sees each update after its backward pass.
   */
  public Map<String, NDArray> run(NDManager stepManager, long step, StepHooks hooks) {
    random.begin(step);
    Map<String, NDArray> values = new LinkedHashMap<>();
    NDArray dLoss = null;
    NDArray realLogits = null;
    NDArray fakeLogits = null;
    NDArray lastReal = null;
    NDArray lastRealLabels = null;
    NDArray total = null;
    int n = batches.batchSize();
    RealBatches.StepBatches batch = batches.next(stepManager);
    NDArray z = null;
    NDArray fakeLabels = null;
    // where no listener reads this step's gradients, an optimizer that can takes the loss and computes them
    // inside its update (torch.autograd.grad): no backward pass into .grad, nothing to accumulate or clear
    boolean fromLoss = !hooks.readsGradients(step);
    boolean dFromLoss = fromLoss && !simultaneous && optimizers.discriminator().updatesFromLoss();
    for (int k = 1; k <= dSteps; k++) {
      RealBatches.Batch real = batch.real().get(k - 1);
      fakeLabels = batch.fakeLabels().get(k - 1);
      z = latent.sample(stepManager, new Shape(n, model.latentDim()));
      // outside a gradient collector no graph is recorded: the fake batch is detached from G
      NDArray fake = model.generate(model.generator(), z, fakeLabels, true);
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray realSeen = noisy(real.x(), step);
        NDArray fakeSeen = noisy(fake, step);
        realLogits = model.discriminate(realSeen, real.labels(), true);
        fakeLogits = model.discriminate(fakeSeen, fakeLabels, true);
        DjlLossSpec.Targets targets = labels.discriminatorTargets(stepManager, realLogits.getShape().get(0), step);
        dLoss = loss.discriminator(realLogits, fakeLogits, targets);
        total = dLoss;
        if (!penalties.isEmpty()) {
          PenaltyInputs inputs = new PenaltyInputs(stepManager, realSeen, fakeSeen, real.labels(), fakeLabels, step,
              model, kernels);
          for (DjlPenaltySpec.Penalty p : penalties) {
            NDArray value = p.compute(inputs);
            values.put(p.metricName(), value);
            total = total.add(value);
          }
          values.put("d_loss_total", total);
        }
        if (!dFromLoss) {
          collector.backward(total);
        }
        lastReal = realSeen;
        lastRealLabels = real.labels();
      }
      hooks.onDiscriminatorStep(new DiscriminatorUpdate(step, k, dSteps, total, model.discriminator()));
      if (!simultaneous) {
        updateDiscriminator(dFromLoss ? total : null);
      }
    }
    // one fake batch for every G update of the step when they must share it; a fresh z otherwise
    boolean sharedZ = simultaneous || gSteps > 1;
    NDArray gZ = sharedZ ? z : latent.sample(stepManager, new Shape(n, model.latentDim()));
    NDArray gLabels = sharedZ ? fakeLabels : batch.generatorLabels();
    NDArray gLoss = null;
    for (int g = 1; g <= gSteps; g++) {
      gLoss = generatorUpdate(stepManager, step, gZ, lastReal, lastRealLabels, gLabels, hooks,
          fromLoss && optimizers.generator().updatesFromLoss());
    }
    if (simultaneous) {
      // D's gradient was taken before G's update and G's before D's: both at the step's old parameters
      updateDiscriminator(null);
    }
    values.put("d_loss", dLoss);
    values.put("g_loss", gLoss);
    // the reported D(x), D(G(z)) of the step's last D update, outside any gradient collector
    DjlLossSpec.Scores scores = loss.scores(realLogits, fakeLogits);
    values.put("d_real", scores.real());
    values.put("d_fake", scores.fake());
    return reorder(values);
  }

  /** D's update from its accumulated gradients, or from {@code pendingLoss} (not yet backward) when given. */
  private void updateDiscriminator(NDArray pendingLoss) {
    apply(optimizers.discriminator(), pendingLoss, ++discriminatorUpdates);
    loss.afterDiscriminatorUpdate(discriminatorWeightArrays);
  }

  private static void apply(DjlTturSpec.Optimizer optimizer, NDArray pendingLoss, long updateCount) {
    if (pendingLoss == null) {
      optimizer.update(updateCount);
    } else {
      optimizer.updateFromLoss(pendingLoss, updateCount);
    }
  }

  /**
   * G's update on {@code z}; with a loss that asks for them, D's current logits on the last D update's real
   * batch. {@code fromLoss}: G's optimizer computes the gradients itself, G's only.
   */
  private NDArray generatorUpdate(NDManager stepManager, long step, NDArray z, NDArray real, NDArray realLabels,
      NDArray fakeLabels, StepHooks hooks, boolean fromLoss) {
    NDArray gLoss;
    // D's weights take no gradient in G's backward pass (PyTorch would compute it, and it would be
    // cleared unused): the pass carries G's gradients through D's inputs only
    if (!fromLoss) {
      discriminatorGradients.set(false);
    }
    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray fake = model.generate(model.generator(), z, fakeLabels, true);
      NDArray fakeLogits = model.discriminate(noisy(fake, step), fakeLabels, true);
      DjlLossSpec.Targets targets = labels.generatorTargets(stepManager, fakeLogits.getShape().get(0), step);
      if (loss.generatorUsesRealLogits()) {
        NDArray realLogits = model.discriminate(real, realLabels, true).stopGradient();
        gLoss = loss.generator(fakeLogits, realLogits, targets);
      } else {
        gLoss = loss.generator(fakeLogits, targets);
      }
      if (!fromLoss) {
        collector.backward(gLoss);
      }
    } finally {
      if (!fromLoss) {
        discriminatorGradients.set(true);
      }
    }
    hooks.onGeneratorStep(new GeneratorUpdate(step, gLoss, model.generator()));
    apply(optimizers.generator(), fromLoss ? gLoss : null, ++generatorUpdates);
    model.updateEma();
    return gLoss;
  }

  /** d_loss, g_loss, d_real, d_fake first, then the penalties (the order metrics are logged in). */
  private static Map<String, NDArray> reorder(Map<String, NDArray> values) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (String key : List.of("d_loss", "g_loss", "d_real", "d_fake")) {
      out.put(key, values.get(key));
    }
    values.forEach(out::putIfAbsent);
    return out;
  }

  private NDArray noisy(NDArray x, long step) {
    return instanceNoise == null ? x : instanceNoise.apply(x, step);
  }

  /** Learning rates (and the instance noise's σ) at the current update counts; host values, no sync. */
  public Map<String, Double> schedules() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("lr_g", optimizers.generator().learningRate(Math.max(1, generatorUpdates)));
    m.put("lr_d", optimizers.discriminator().learningRate(Math.max(1, discriminatorUpdates)));
    if (instanceNoise != null) {
      m.put("instance_noise_sigma", instanceNoise.sigma(generatorUpdates));
    }
    return m;
  }

  /** G updates so far. */
  public long generatorUpdates() {
    return generatorUpdates;
  }

  /** D updates so far. */
  public long discriminatorUpdates() {
    return discriminatorUpdates;
  }

  @Override
  public void save(StateWriter out) {
    out.value("generator-updates", generatorUpdates);
    out.value("discriminator-updates", discriminatorUpdates);
  }

  @Override
  public void restore(StateReader in) {
    generatorUpdates = in.value("generator-updates", Long.class);
    discriminatorUpdates = in.value("discriminator-updates", Long.class);
  }
}
