package dev.gantrack.djl.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.Role;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.run.Evaluation;
import dev.gantrack.api.run.Training;
import dev.gantrack.djl.Devices;
import dev.gantrack.djl.kernel.PtTensorKernels;
import dev.gantrack.djl.listener.DivergenceCheck;
import dev.gantrack.djl.listener.HealthMonitoring;
import dev.gantrack.djl.listener.Histograms;
import dev.gantrack.djl.listener.MetricEvaluation;
import dev.gantrack.djl.listener.MetricsLogging;
import dev.gantrack.djl.listener.SampleGrids;
import dev.gantrack.djl.metric.CheckpointEvaluation;
import dev.gantrack.djl.metric.RunFeatureExtractor;
import dev.gantrack.djl.listener.StepCosts;
import dev.gantrack.djl.sample.Sampler;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.DjlNoiseSpec;
import dev.gantrack.djl.spi.DjlPenaltySpec;
import dev.gantrack.djl.spi.DjlTturSpec;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.run.GanNetworks;
import dev.gantrack.djl.spi.run.GanSamples;
import dev.gantrack.djl.spi.run.TensorKernels;
import dev.gantrack.djl.spi.state.RunState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the DJL backend adds to every run's injector: the device and the run's memory, the engine's
 * kernels, each role's runtime piece made from its spec (a failure names the role's field), the
 * networks, the sampler, the trainer, and gantrack's own listeners in their order; the run's feature
 * extractor for metrics, and the restored-checkpoint {@link Evaluation} for {@code gantrack eval}. The
 * engine's random generator is seeded from the experiment's seed before anything is allocated (and
 * again at every step, see {@link StepRandomness}).
 */
public final class DjlRunModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(Training.class).to(GanTrainer.class);
    bind(Evaluation.class).to(CheckpointEvaluation.class);
    bind(TensorKernels.class).to(PtTensorKernels.class);
    bind(GanNetworks.class).to(GanModel.class);
    bind(GanSamples.class).to(Sampler.class);
    GanTrainingListener.bind(binder()).to(MetricsLogging.class);
    GanTrainingListener.bind(binder()).to(DivergenceCheck.class);
    GanTrainingListener.bind(binder()).to(SampleGrids.class);
    GanTrainingListener.bind(binder()).to(MetricEvaluation.class);
    GanTrainingListener.bind(binder()).to(HealthMonitoring.class);
    GanTrainingListener.bind(binder()).to(Histograms.class);
    GanTrainingListener.bind(binder()).to(StepCosts.class);
    MapBinder.newMapBinder(binder(), String.class, RunState.class); // plugins add theirs with RunState.bind
  }

  @Provides
  @Singleton
  Device device(Experiment experiment) {
    return Assembly.piece("device", "the device", () -> Devices.resolve(experiment.device()));
  }

  /** The run's root manager, on the run's device; the engine is seeded first. */
  @Provides
  @Singleton
  NDManager manager(Device device, Experiment experiment) {
    long seed = experiment.seed() == null ? 0L : experiment.seed();
    Engine.getEngine("PyTorch").setRandomSeed((int) seed);
    JniUtils.setSeed(seed);
    return NDManager.newBaseManager(device, "PyTorch");
  }

  /** The run's one feature extractor, built when a metric first asks for it (see {@link RunFeatureExtractor}). */
  @Provides
  DjlFeatureExtractorSpec.FeatureExtractor featureExtractor(RunFeatureExtractor extractor) {
    return extractor.get();
  }

  @Provides
  @Singleton
  PtTensorKernels kernels(NDManager manager) {
    return new PtTensorKernels(manager);
  }

  @Provides
  @Singleton
  DjlLossSpec.Loss loss(Experiment e, RunServices run) {
    return Assembly.piece(Role.LOSS.key(), "the loss", () -> ((DjlLossSpec) e.loss()).create(run));
  }

  @Provides
  @Singleton
  DjlLabelSmoothingSpec.LabelSmoothing labelSmoothing(Experiment e, RunServices run) {
    return Assembly.piece(Role.LABEL_SMOOTHING.key(), "the label smoothing",
        () -> ((DjlLabelSmoothingSpec) e.labelSmoothing()).create(run));
  }

  @Provides
  @Singleton
  DjlNoiseSpec.Latent latent(Experiment e, RunServices run) {
    return Assembly.piece(Role.LATENT.key(), "the latent distribution", () -> ((DjlNoiseSpec) e.latent()).latentSampler(run));
  }

  @Provides
  @Singleton
  Optional<DjlNoiseSpec.InstanceNoise> instanceNoise(Experiment e, RunServices run) {
    if (e.instanceNoise() == null) {
      return Optional.empty();
    }
    return Optional.of(Assembly.piece(Role.INSTANCE_NOISE.key(), "the instance noise",
        () -> ((DjlNoiseSpec) e.instanceNoise()).instanceNoise(e.training().steps(), run)));
  }

  /** The loss's own penalty (WGAN-GP's) first, then the {@code penalty:} role's. */
  @Provides
  @Singleton
  List<DjlPenaltySpec.Penalty> penalties(Experiment e, DjlLossSpec.Loss loss, RunServices run) {
    List<DjlPenaltySpec.Penalty> out = new ArrayList<>();
    if (loss.penalty() != null) {
      out.add(loss.penalty());
    }
    if (e.penalty() != null) {
      out.add(Assembly.piece(Role.PENALTY.key(), "the penalty", () -> ((DjlPenaltySpec) e.penalty()).create(run)));
    }
    return List.copyOf(out);
  }

  @Provides
  @Singleton
  Optimizers optimizers(Experiment e, TrainingSpec training, GanModel model, RunServices run) {
    DjlTturSpec ttur = (DjlTturSpec) e.ttur();
    long steps = training.steps();
    return Assembly.piece(Role.TTUR.key(), "the optimizers", () -> new Optimizers(
        ttur.generator(model.generatorWeights(), steps * e.ttur().gSteps(), run),
        ttur.discriminator(model.discriminatorWeights(), steps * e.ttur().dSteps(), run)));
  }
}
