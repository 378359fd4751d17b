package dev.gantrack.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.run.RunModule;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.djl.DjlBackend;
import dev.gantrack.djl.checkpoint.Checkpoints;
import dev.gantrack.djl.kernel.PtTensorKernels;
import dev.gantrack.djl.sample.Sampler;
import dev.gantrack.djl.spi.WeightTransform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A run of the DJL backend assembled as gantrack assembles one (the api's {@link RunModule}, the
 * backend's module, and any extra modules a test adds, in one Guice injector), for tests that drive
 * the trainer's parts directly.
 */
public final class TestRun implements AutoCloseable {
  private final Injector injector;
  private final GanTrainer trainer;

  private TestRun(Injector injector) {
    this.injector = injector;
    this.trainer = injector.getInstance(GanTrainer.class);
  }

  /** A run of {@code experiment} on {@code data}, its run folder a new temporary folder, its tracker silent. */
  public static TestRun of(Experiment experiment, DataSource data) {
    try {
      return of(experiment, data, Files.createTempDirectory("gantrack-test-run"), new Tracker() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A run with its folder in {@code runDirectory}, recording to {@code tracker}, with {@code extra} modules. */
  public static TestRun of(Experiment experiment, DataSource data, Path runDirectory, Tracker tracker, Module... extra) {
    RunContext context = context(runDirectory, tracker);
    List<Module> modules = new ArrayList<>();
    modules.add(new RunModule(experiment, data, context));
    modules.add(new DjlBackend().runModule());
    modules.addAll(List.of(extra));
    return new TestRun(Guice.createInjector(modules));
  }

  /** A run context with that folder and tracker, never cancelled. */
  public static RunContext context(Path runDirectory, Tracker tracker) {
    return new RunContext() {
      @Override public Path runDirectory() { return runDirectory; }
      @Override public Tracker tracker() { return tracker; }
      @Override public PluginContext plugins() { return PluginContext.at(runDirectory); }
      @Override public BooleanSupplier cancelled() { return () -> false; }
    };
  }

  /** The run's instance of {@code type}. */
  public <T> T get(Class<T> type) {
    return injector.getInstance(type);
  }

  public GanTrainer trainer() {
    return trainer;
  }

  public GanModel model() {
    return get(GanModel.class);
  }

  public AdversarialStep adversarialStep() {
    return get(AdversarialStep.class);
  }

  public Sampler sampler() {
    return get(Sampler.class);
  }

  public Checkpoints checkpoints() {
    return get(Checkpoints.class);
  }

  public NDManager manager() {
    return get(NDManager.class);
  }

  public PtTensorKernels kernels() {
    return get(PtTensorKernels.class);
  }

  /** Runs step {@code s} alone (no listeners) in its own memory scope and returns its values on the host. */
  public Map<String, Double> step(long s) {
    try (NDScope scope = new NDScope(); NDManager m = manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      return step(m, s).toHost();
    }
  }

  /** A step's values, still on the device until {@link #toHost()}. */
  public record StepValues(Map<String, NDArray> values) {
    /** Copies the values to the host (one device sync). */
    public Map<String, Double> toHost() {
      Map<String, Double> host = new LinkedHashMap<>();
      values.forEach((k, v) -> host.put(k, (double) v.getFloat()));
      return host;
    }
  }

  /** Runs step {@code s} (no listeners) in the caller's scope and step manager {@code m}. */
  public StepValues step(NDManager m, long s) {
    return new StepValues(adversarialStep().run(m, s, StepHooks.NONE));
  }

  // Shortcuts to the run's parts, for tests.

  public Block generator() {
    return model().generator();
  }

  public Block discriminator() {
    return model().discriminator();
  }

  public Block emaGenerator() {
    return model().emaGenerator();
  }

  public Map<String, WeightTransform> generatorTransforms() {
    return model().generatorTransforms();
  }

  public Map<String, WeightTransform> discriminatorTransforms() {
    return model().discriminatorTransforms();
  }

  public long generatorUpdates() {
    return adversarialStep().generatorUpdates();
  }

  public long discriminatorUpdates() {
    return adversarialStep().discriminatorUpdates();
  }

  public float[] fixedSamples() {
    return sampler().fixedSamples();
  }

  public float[] samples(int n) {
    return sampler().samples(n);
  }

  /** Writes the checkpoint of {@code step} into the run folder's {@code checkpoints/}; returns its folder. */
  public Path saveCheckpoint(long step) throws IOException {
    return checkpoints().save(step);
  }

  /** Restores every part of the run from {@code checkpoint}; returns its step. */
  public long restoreCheckpoint(Path checkpoint) throws IOException {
    return checkpoints().restore(checkpoint);
  }

  /** D's input gradient as penalties get it (the scripted torch.autograd.grad). */
  public NDArray gradientOfDiscriminator(NDArray x, NDArray labels) {
    return PenaltyInputs.inputGradient(model(), kernels(), x, labels);
  }

  /** Makes the run use the leaking create_graph backward pass for input gradients (memory comparisons). */
  public void useBackwardInputGradient() {
    kernels().useBackwardInputGradient();
  }

  @Override
  public void close() {
    trainer.close();
  }
}
