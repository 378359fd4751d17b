package dev.gantrack.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.Role;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.djl.kernel.PtTensorKernels;
import dev.gantrack.djl.nn.Convolution;
import dev.gantrack.djl.nn.TransposedConvolution;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.DjlSpectralNormSpec;
import dev.gantrack.djl.spi.NetworkContext;
import dev.gantrack.djl.spi.WeightTransform;
import dev.gantrack.djl.spi.run.GanNetworks;
import dev.gantrack.djl.spi.state.RunState;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's networks: G and D built from their specs and initialised in the run's manager, the
 * parameter store through which weight transforms (spectral norm) apply, the transforms, and G's
 * EMA copy when {@code training.ema} is set. It runs the networks' forward passes for everyone, and
 * names the state of all of these that checkpoints save ({@link #states()}).
 */
@Singleton
public final class GanModel implements GanNetworks {
  private final Experiment experiment;
  private final int[] dataShape;
  private final int numClasses;
  private final int latentDim;
  private final Block generator;
  private final Block discriminator;
  private final TransformingParameterStore parameters;
  private final List<Parameter> generatorWeights;
  private final List<Parameter> discriminatorWeights;
  private final Map<String, WeightTransform> generatorTransforms = new LinkedHashMap<>();
  private final Map<String, WeightTransform> discriminatorTransforms = new LinkedHashMap<>();
  private final EmaGenerator ema;
  private final Convolution conv;
  private final TransposedConvolution convTranspose;

  @Inject
  GanModel(Experiment experiment, DataShape data, NDManager manager, PtTensorKernels kernels) {
    this.experiment = experiment;
    this.dataShape = data.shape();
    this.numClasses = data.numClasses();
    this.latentDim = experiment.generator().latentDim();
    this.conv = kernels::conv2d;
    this.convTranspose = kernels::convTranspose2d;
    DefaultLayerFactory gLayers = new DefaultLayerFactory(conv, convTranspose);
    DefaultLayerFactory dLayers = new DefaultLayerFactory(conv, convTranspose);
    this.generator = build(NetworkContext.Role.GENERATOR, manager, gLayers);
    this.discriminator = build(NetworkContext.Role.DISCRIMINATOR, manager, dLayers);
    this.parameters = new TransformingParameterStore(manager);
    this.generatorWeights = trainable(generator);
    this.discriminatorWeights = trainable(discriminator);
    if (experiment.spectralNorm() instanceof DjlSpectralNormSpec sn) {
      Assembly.piece(Role.SPECTRAL_NORM.key(), "spectral normalisation", () -> {
        register(sn, NetworkContext.Role.GENERATOR, gLayers, generator, generatorTransforms);
        register(sn, NetworkContext.Role.DISCRIMINATOR, dLayers, discriminator, discriminatorTransforms);
        return null;
      });
    }
    float decay = (float) experiment.training().ema();
    this.ema = decay > 0 ? new EmaGenerator(generator,
        build(NetworkContext.Role.GENERATOR, manager, new DefaultLayerFactory(conv, convTranspose)), decay, parameters) : null;
  }

  /**
   * A new, initialised instance of G or D as the specs describe it (also for restoring a checkpoint
   * into a scratch copy), in {@code manager}.
   */
  public Block build(NetworkContext.Role role, NDManager manager, DefaultLayerFactory layers) {
    boolean isGenerator = role == NetworkContext.Role.GENERATOR;
    Role field = isGenerator ? Role.GENERATOR : Role.DISCRIMINATOR;
    return Assembly.piece(field.key(), "the " + field.key(), () -> {
      DjlNetworkSpec spec = (DjlNetworkSpec) (isGenerator ? experiment.generator() : experiment.discriminator());
      boolean conditional = conditional(role);
      Block block = spec.build(new NetworkContext(role, dataShape, conditional ? numClasses : 0, latentDim, layers));
      Shape first = isGenerator ? new Shape(2, latentDim) : batchShape(2L * experiment.discriminator().pack());
      if (conditional) {
        block.initialize(manager, DataType.FLOAT32, first, new Shape(2));
      } else {
        block.initialize(manager, DataType.FLOAT32, first);
      }
      return block;
    });
  }

  private void register(DjlSpectralNormSpec sn, NetworkContext.Role role, DefaultLayerFactory layers, Block network,
      Map<String, WeightTransform> out) {
    Map<Parameter, String> names = new IdentityHashMap<>();
    for (Pair<String, Parameter> p : network.getParameters()) {
      names.put(p.getValue(), p.getKey());
    }
    for (DefaultLayerFactory.Made made : layers.made()) {
      if (sn.appliesTo(role, made.kind())) {
        Parameter weight = made.block().getParameters().get("weight");
        WeightTransform t = sn.create(weight, made.kind());
        parameters.register(weight, t);
        out.put(names.getOrDefault(weight, weight.getName()), t);
      }
    }
  }

  private static List<Parameter> trainable(Block block) {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        out.add(p.getValue());
      }
    }
    return out;
  }

  /** True when the network of {@code role} takes class labels. */
  public boolean conditional(NetworkContext.Role role) {
    return role == NetworkContext.Role.GENERATOR ? experiment.generator().conditional()
        : experiment.discriminator().conditional();
  }

  /** Classes of the data (0 when unlabelled). */
  public int numClasses() {
    return numClasses;
  }

  /** G's latent length. */
  public int latentDim() {
    return latentDim;
  }

  /** The shape of a batch of {@code n} real examples. */
  public Shape batchShape(long n) {
    long[] s = new long[dataShape.length + 1];
    s[0] = n;
    for (int i = 0; i < dataShape.length; i++) {
      s[i + 1] = dataShape[i];
    }
    return new Shape(s);
  }

  /** G's output for latents {@code z} (and labels, for a conditional G), through {@code g} (G or its EMA copy). */
  public NDArray generate(Block g, NDArray z, NDArray labels, boolean training) {
    NDList in = experiment.generator().conditional() ? new NDList(z, labels) : new NDList(z);
    return g.forward(parameters, in, training).singletonOrThrow();
  }

  /** D's logits for {@code x} (and labels, for a conditional D). */
  public NDArray discriminate(NDArray x, NDArray labels, boolean training) {
    NDList in = experiment.discriminator().conditional() ? new NDList(x, labels) : new NDList(x);
    return discriminator.forward(parameters, in, training).singletonOrThrow();
  }

  /** Updates G's EMA copy, if there is one. */
  public void updateEma() {
    if (ema != null) {
      ema.update();
    }
  }

  @Override
  public Block generator() {
    return generator;
  }

  @Override
  public Block discriminator() {
    return discriminator;
  }

  @Override
  public Block emaGenerator() {
    return ema == null ? null : ema.block();
  }

  /** G's trainable parameters (BatchNorm statistics excluded). */
  public List<Parameter> generatorWeights() {
    return generatorWeights;
  }

  /** D's trainable parameters. */
  public List<Parameter> discriminatorWeights() {
    return discriminatorWeights;
  }

  /**
   * The networks' state as checkpoints save it: {@code generator}, {@code discriminator}, {@code
   * generator-ema} (every parameter, BatchNorm statistics included) and each weight transform that
   * has state, as {@code spectral-norm.<generator|discriminator>.<parameter name>}.
   */
  public Map<String, RunState> states() {
    Map<String, RunState> out = new LinkedHashMap<>();
    out.put("generator", new NetworkState(generator));
    out.put("discriminator", new NetworkState(discriminator));
    if (ema != null) {
      out.put("generator-ema", new NetworkState(ema.block()));
    }
    addTransforms(out, "generator", generatorTransforms);
    addTransforms(out, "discriminator", discriminatorTransforms);
    return out;
  }

  private static void addTransforms(Map<String, RunState> out, String network, Map<String, WeightTransform> transforms) {
    transforms.forEach((name, t) -> {
      if (t instanceof RunState state) {
        out.put(Role.SPECTRAL_NORM.key() + "." + network + "." + name, state);
      }
    });
  }

  /** G's weight transforms (spectral norm with {@code generator: true}), by parameter name. */
  public Map<String, WeightTransform> generatorTransforms() {
    return generatorTransforms;
  }

  /** D's weight transforms, by parameter name. */
  public Map<String, WeightTransform> discriminatorTransforms() {
    return discriminatorTransforms;
  }
}
