package dev.gantrack.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.spec.MetricSpec;
import dev.gantrack.api.track.Metric;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.DjlNoiseSpec;
import dev.gantrack.djl.spi.DjlPenaltySpec;
import dev.gantrack.djl.spi.DjlSpectralNormSpec;
import dev.gantrack.djl.spi.WeightTransform;
import dev.gantrack.djl.spi.DjlTturSpec;
import dev.gantrack.djl.spi.NetworkContext;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run: k D-steps on real vs. detached fake examples, then one G-step, repeated. Each
 * step runs inside an {@link NDScope} and a sub-manager, both closed at the end of the step, so
 * memory stays flat; D's and G's updates are separate gradient-collector blocks. The host reads
 * values back (a device sync) only at the logging, sampling and metric cadences.
 */
public final class GanTrainer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GanTrainer.class);
  private final Experiment experiment;
  private final TrainingSpec training;
  private final Device device;
  private final NDManager manager;
  private final boolean gradModeBefore;
  /** Set by {@link #run} for a step whose gradients go to the trackers as histograms. */
  private boolean keepGradients;
  /** Host copies of G's and D's weight gradients of the last step that kept them, by histogram tag. */
  private final Map<String, float[]> keptGradients = new LinkedHashMap<>();
  private ScriptedInputGradient scriptedInputGradient;
  private boolean scriptedInputGradientFailed;
  private final DataSource data;
  private final int[] dataShape;
  private final int exampleLength;
  private final int numClasses;
  private final Block generator;
  private final Block discriminator;
  private final TransformingParameterStore parameters;
  private final List<Parameter> generatorWeights;
  private final List<Parameter> discriminatorWeights;
  private final List<NDArray> discriminatorWeightArrays;
  private final DjlLossSpec.Loss loss;
  private final DjlLabelSmoothingSpec.LabelSmoothing labels;
  private final DjlNoiseSpec.Latent latent;
  private final DjlNoiseSpec.InstanceNoise instanceNoise;
  private final DjlTturSpec.Optimizer generatorOptimizer;
  private final DjlTturSpec.Optimizer discriminatorOptimizer;
  private final int dSteps;
  private final SplittableRandom random;
  private final NDArray fixedLatent;
  private final NDArray fixedLabels;
  private final float[] batchBuffer;
  private final int[] labelBuffer;
  private final List<DjlPenaltySpec.Penalty> penalties = new ArrayList<>();
  private final Map<String, WeightTransform> generatorTransforms = new LinkedHashMap<>();
  private final Map<String, WeightTransform> discriminatorTransforms = new LinkedHashMap<>();
  private final Block emaGenerator;
  private final List<NDArray[]> emaPairs = new ArrayList<>();
  private final List<WeightTransform> emaTransforms = new ArrayList<>();
  private final float emaDecay;
  private long generatorUpdates;
  private long discriminatorUpdates;

  /** Builds networks, optimizers and fixed sample inputs for {@code experiment} on {@code device}. */
  public GanTrainer(Experiment experiment, DataSource data, Device device) {
    this.experiment = experiment;
    this.training = experiment.training();
    this.device = device;
    this.data = data;
    DataShape shape = data.shape();
    this.dataShape = shape.shape();
    this.exampleLength = shape.exampleLength();
    long seed = experiment.seed() == null ? 0L : experiment.seed();
    Engine.getEngine("PyTorch").setRandomSeed((int) seed);
    JniUtils.setSeed(seed);
    this.random = new SplittableRandom(seed);
    this.manager = NDManager.newBaseManager(device, "PyTorch");
    this.gradModeBefore = JniUtils.isGradMode();
    JniUtils.setGradMode(false);

    boolean conditional = experiment.generator().conditional() || experiment.discriminator().conditional();
    this.numClasses = shape.numClasses();
    int latentDim = experiment.generator().latentDim();
    DefaultLayerFactory gLayers = new DefaultLayerFactory();
    DefaultLayerFactory dLayers = new DefaultLayerFactory();
    this.generator = ((DjlNetworkSpec) experiment.generator()).build(new NetworkContext(
        NetworkContext.Role.GENERATOR, dataShape, experiment.generator().conditional() ? numClasses : 0, latentDim, gLayers));
    this.discriminator = ((DjlNetworkSpec) experiment.discriminator()).build(new NetworkContext(
        NetworkContext.Role.DISCRIMINATOR, dataShape, experiment.discriminator().conditional() ? numClasses : 0, latentDim, dLayers));
    Shape latentShape = new Shape(2, latentDim);
    Shape labelShape = new Shape(2);
    if (experiment.generator().conditional()) {
      generator.initialize(manager, DataType.FLOAT32, latentShape, labelShape);
    } else {
      generator.initialize(manager, DataType.FLOAT32, latentShape);
    }
    // a packed D (PacGAN) needs a batch that is a multiple of its pack size
    Shape exampleShape = batchShape(2L * experiment.discriminator().pack());
    if (experiment.discriminator().conditional()) {
      discriminator.initialize(manager, DataType.FLOAT32, exampleShape, labelShape);
    } else {
      discriminator.initialize(manager, DataType.FLOAT32, exampleShape);
    }
    this.parameters = new TransformingParameterStore(manager);
    this.generatorWeights = trainable(generator);
    this.discriminatorWeights = trainable(discriminator);
    this.discriminatorWeightArrays = discriminatorWeights.stream().map(Parameter::getArray).toList();
    if (experiment.spectralNorm() instanceof DjlSpectralNormSpec sn) {
      registerTransforms(sn, NetworkContext.Role.GENERATOR, gLayers, generator, generatorTransforms);
      registerTransforms(sn, NetworkContext.Role.DISCRIMINATOR, dLayers, discriminator, discriminatorTransforms);
    }
    this.emaDecay = (float) training.ema();
    if (emaDecay > 0) {
      this.emaGenerator = ((DjlNetworkSpec) experiment.generator()).build(new NetworkContext(
          NetworkContext.Role.GENERATOR, dataShape, experiment.generator().conditional() ? numClasses : 0, latentDim,
          new DefaultLayerFactory()));
      if (experiment.generator().conditional()) {
        emaGenerator.initialize(manager, DataType.FLOAT32, latentShape, labelShape);
      } else {
        emaGenerator.initialize(manager, DataType.FLOAT32, latentShape);
      }
      List<Parameter> from = new ArrayList<>(generator.getParameters().values());
      List<Parameter> to = new ArrayList<>(emaGenerator.getParameters().values());
      for (int i = 0; i < from.size(); i++) {
        NDArray target = to.get(i).getArray();
        target.setRequiresGradient(false);
        NDArray source = from.get(i).getArray();
        // with spectral norm on G the copy averages the weights G uses (W/σ(W)), and has no transform itself
        WeightTransform transform = parameters.transformOf(from.get(i));
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          target.muli(0).addi(transform == null ? source : transform.apply(source, false));
        }
        emaPairs.add(new NDArray[] {target, source, from.get(i).requiresGradient() ? null : source});
        emaTransforms.add(transform);
      }
    } else {
      this.emaGenerator = null;
    }

    this.loss = ((DjlLossSpec) experiment.loss()).create();
    if (loss.penalty() != null) {
      penalties.add(loss.penalty());
    }
    if (experiment.penalty() != null) {
      penalties.add(((DjlPenaltySpec) experiment.penalty()).create());
    }
    this.labels = ((DjlLabelSmoothingSpec) experiment.labelSmoothing()).create();
    this.latent = ((DjlNoiseSpec) experiment.latent()).latentSampler();
    this.instanceNoise = experiment.instanceNoise() == null
        ? null : ((DjlNoiseSpec) experiment.instanceNoise()).instanceNoise(training.steps());
    DjlTturSpec ttur = (DjlTturSpec) experiment.ttur();
    this.dSteps = experiment.ttur().dSteps();
    this.generatorOptimizer = ttur.generator(generatorWeights, training.steps());
    this.discriminatorOptimizer = ttur.discriminator(discriminatorWeights, (long) training.steps() * dSteps);

    int side = training.sampleGrid();
    int gridCount = side * side;
    this.fixedLatent = latent.sample(manager, new Shape(gridCount, latentDim));
    int[] gridLabels = new int[gridCount];
    for (int i = 0; i < gridCount; i++) {
      gridLabels[i] = numClasses > 0 ? (i % side) % numClasses : 0;
    }
    this.fixedLabels = manager.create(gridLabels).toType(DataType.INT64, false);
    this.batchBuffer = new float[training.batchSize() * exampleLength];
    this.labelBuffer = new int[training.batchSize()];
    if (conditional && numClasses == 0) {
      throw new IllegalStateException("a conditional network needs a labelled dataset");
    }
  }

  /** The generator block (for tests and checkpoints). */
  public Block generator() {
    return generator;
  }

  /** The discriminator block. */
  public Block discriminator() {
    return discriminator;
  }

  /** D updates so far. */
  public long discriminatorUpdates() {
    return discriminatorUpdates;
  }

  /** G updates so far. */
  public long generatorUpdates() {
    return generatorUpdates;
  }

  /** The run's manager (parameters, optimizer state, fixed inputs). */
  public NDManager manager() {
    return manager;
  }

  private void registerTransforms(DjlSpectralNormSpec sn, NetworkContext.Role role, DefaultLayerFactory layers,
      Block network, Map<String, WeightTransform> out) {
    Map<Parameter, String> names = new java.util.IdentityHashMap<>();
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

  /** Spectral-norm (or other) weight transforms of D, by parameter name. */
  public Map<String, WeightTransform> discriminatorTransforms() {
    return discriminatorTransforms;
  }

  /** Weight transforms of G (spectral norm with {@code generator: true}), by parameter name. */
  public Map<String, WeightTransform> generatorTransforms() {
    return generatorTransforms;
  }

  /** The EMA copy of G, or null when {@code training.ema} is 0. */
  public Block emaGenerator() {
    return emaGenerator;
  }

  private void updateEma() {
    for (int i = 0; i < emaPairs.size(); i++) {
      NDArray[] pair = emaPairs.get(i);
      WeightTransform transform = emaTransforms.get(i);
      NDArray source = transform == null ? pair[1] : transform.apply(pair[1], false);
      if (pair[2] != null) {
        pair[0].muli(0).addi(source);
      } else {
        pair[0].muli(emaDecay).addi(source.mul(1f - emaDecay));
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

  private Shape batchShape(long n) {
    long[] s = new long[dataShape.length + 1];
    s[0] = n;
    for (int i = 0; i < dataShape.length; i++) {
      s[i + 1] = dataShape[i];
    }
    return new Shape(s);
  }

  /** Values of one step, still on the device until the host asks for them. */
  public record StepResult(NDArray dLoss, NDArray gLoss, NDArray dReal, NDArray dFake, Map<String, NDArray> extra) {
    /** Copies the values to the host (one device sync). */
    public Map<String, Double> toHost() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("d_loss", (double) dLoss.getFloat());
      m.put("g_loss", (double) gLoss.getFloat());
      m.put("d_real", (double) dReal.getFloat());
      m.put("d_fake", (double) dFake.getFloat());
      extra.forEach((k, v) -> m.put(k, (double) v.getFloat()));
      return m;
    }
  }

  /**
   * One G update preceded by k D updates. Must run inside the caller's {@link NDScope}; returned
   * arrays are valid until that scope closes.
   */
  public StepResult step(NDManager stepManager, long step) {
    int n = training.batchSize();
    NDArray dLoss = null, dReal = null, dFake = null;
    Map<String, NDArray> extra = new LinkedHashMap<>();
    for (int k = 0; k < dSteps; k++) {
      data.batch(random, n, batchBuffer, labelBuffer);
      NDArray real = stepManager.create(batchBuffer, batchShape(n));
      NDArray realLabels = numClasses > 0 ? stepManager.create(labelBuffer).toType(DataType.INT64, false) : null;
      NDArray fakeLabels = numClasses > 0 ? randomLabels(stepManager, n) : null;
      // outside a gradient collector no graph is recorded: the fake batch is detached from G
      NDArray fake = generate(latent.sample(stepManager, new Shape(n, generatorLatent())), fakeLabels, true);
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray realSeen = noisy(real, step);
        NDArray fakeSeen = noisy(fake, step);
        NDArray realLogits = discriminate(realSeen, realLabels, true);
        NDArray fakeLogits = discriminate(fakeSeen, fakeLabels, true);
        DjlLossSpec.Targets targets = labels.discriminatorTargets(stepManager, realLogits.getShape().get(0), step);
        dLoss = loss.discriminator(realLogits, fakeLogits, targets);
        NDArray total = dLoss;
        if (!penalties.isEmpty()) {
          PenaltyContext pc = new PenaltyContext(stepManager, realSeen, fakeSeen, realLabels, fakeLabels, step);
          for (DjlPenaltySpec.Penalty p : penalties) {
            NDArray value = p.compute(pc);
            extra.put(p.metricName(), value);
            total = total.add(value);
          }
          extra.put("d_loss_total", total);
        }
        collector.backward(total);
        dReal = loss.score(realLogits).mean();
        dFake = loss.score(fakeLogits).mean();
      }
      if (keepGradients && k == dSteps - 1) {
        keepGradients("D", discriminator); // the updates clear the gradients
      }
      discriminatorOptimizer.update(++discriminatorUpdates);
      loss.afterDiscriminatorUpdate(discriminatorWeightArrays);
    }
    NDArray gLoss;
    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray fakeLabels = numClasses > 0 ? randomLabels(stepManager, n) : null;
      NDArray z = latent.sample(stepManager, new Shape(n, generatorLatent()));
      NDArray fake = generate(z, fakeLabels, true);
      NDArray fakeLogits = discriminate(noisy(fake, step), fakeLabels, true);
      gLoss = loss.generator(fakeLogits, labels.generatorTargets(stepManager, fakeLogits.getShape().get(0), step));
      collector.backward(gLoss);
    }
    if (keepGradients) {
      keepGradients("G", generator);
    }
    generatorOptimizer.update(++generatorUpdates);
    if (emaGenerator != null) {
      updateEma();
    }
    // G's backward pass also reached D's weights: clear those gradients before D's next update.
    for (Parameter p : discriminatorWeights) {
      JniUtils.zeroGrad((PtNDArray) p.getArray());
    }
    return new StepResult(dLoss, gLoss, dReal, dFake, extra);
  }

  /** The penalty's view of a D update; {@link #inputGradient} differentiates D again (torch.autograd.grad). */
  private final class PenaltyContext implements DjlPenaltySpec.Context {
    private final NDManager m;
    private final NDArray real, fake, realLabels, fakeLabels;
    private final long step;

    PenaltyContext(NDManager m, NDArray real, NDArray fake, NDArray realLabels, NDArray fakeLabels, long step) {
      this.m = m;
      this.real = real;
      this.fake = fake;
      this.realLabels = realLabels;
      this.fakeLabels = fakeLabels;
      this.step = step;
    }

    @Override public NDManager manager() { return m; }
    @Override public NDArray real() { return real; }
    @Override public NDArray fake() { return fake; }
    @Override public NDArray realLabels() { return realLabels; }
    @Override public NDArray fakeLabels() { return fakeLabels; }
    @Override public long step() { return step; }

    @Override
    public NDArray inputGradient(NDArray x, NDArray labels) {
      return gradientOfDiscriminator(x, labels);
    }
  }

  /**
   * d(sum D(x))/dx with a graph (PyTorch's create_graph), for gradient penalties. It runs
   * {@code torch.autograd.grad} through {@link ScriptedInputGradient}, which writes no leaf's
   * {@code .grad}: D's weight gradients stay as they were, so only the final backward pass of the D
   * update counts, and no gradient holds a graph that references its own leaf (the cycle through which
   * a create_graph backward leaks native memory every call). Only if the scripted module cannot be
   * loaded does it fall back, with one warning, to that leaking backward pass.
   */
  NDArray gradientOfDiscriminator(NDArray x, NDArray labels) {
    x.setRequiresGradient(true);
    NDArray out = discriminate(x, labels, true).sum();
    ScriptedInputGradient scripted = scriptedInputGradient();
    if (scripted != null) {
      return scripted.gradient(out, x);
    }
    JniUtils.backward((PtNDArray) out, (PtNDArray) out.onesLike(), true, true);
    NDArray g = x.getGradient();
    for (Parameter p : discriminatorWeights) {
      JniUtils.zeroGrad((PtNDArray) p.getArray());
    }
    return g;
  }

  /** For tests comparing memory: makes this trainer use the leaking backward pass instead of the scripted one. */
  void useBackwardInputGradient() {
    scriptedInputGradientFailed = true;
  }

  /** The scripted autograd.grad, loaded on first use; null when it cannot be loaded (warned once). */
  private ScriptedInputGradient scriptedInputGradient() {
    if (scriptedInputGradient == null && !scriptedInputGradientFailed) {
      try {
        scriptedInputGradient = ScriptedInputGradient.load((PtNDManager) manager);
      } catch (IOException | RuntimeException e) {
        scriptedInputGradientFailed = true;
        LOG.warn("Cannot load the TorchScript input-gradient module ({}); gradient penalties fall back to a "
            + "create_graph backward pass, which leaks native memory every discriminator update", e.toString());
      }
    }
    return scriptedInputGradient;
  }

  private int generatorLatent() {
    return experiment.generator().latentDim();
  }

  private NDArray randomLabels(NDManager m, int n) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(numClasses);
    }
    return m.create(y).toType(DataType.INT64, false);
  }

  private NDArray noisy(NDArray x, long step) {
    return instanceNoise == null ? x : instanceNoise.apply(x, step);
  }

  private NDArray generate(NDArray z, NDArray labels, boolean train) {
    return generate(generator, z, labels, train);
  }

  private NDArray generate(Block g, NDArray z, NDArray labels, boolean train) {
    NDList in = experiment.generator().conditional() ? new NDList(z, labels) : new NDList(z);
    return g.forward(parameters, in, train).singletonOrThrow();
  }

  /** The generator samples and metrics use: the EMA copy when there is one. */
  private Block sampler() {
    return emaGenerator != null ? emaGenerator : generator;
  }

  private NDArray discriminate(NDArray x, NDArray labels, boolean train) {
    NDList in = experiment.discriminator().conditional() ? new NDList(x, labels) : new NDList(x);
    return discriminator.forward(parameters, in, train).singletonOrThrow();
  }

  /** Samples from the fixed latent batch (the same every time), in inference mode, as host floats. */
  public float[] fixedSamples() {
    try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
      scope.suppressNotUsedWarning();
      return generate(sampler(), fixedLatent, fixedLabels, false).toFloatArray();
    }
  }

  /** {@code n} fresh samples in inference mode, as host floats (row-major). */
  public float[] samples(int n) {
    try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
      scope.suppressNotUsedWarning();
      float[] out = new float[n * exampleLength];
      int done = 0;
      while (done < n) {
        int b = Math.min(512, n - done);
        NDArray labels = numClasses > 0 ? randomLabels(m, b) : null;
        float[] part = generate(sampler(), latent.sample(m, new Shape(b, generatorLatent())), labels, false).toFloatArray();
        System.arraycopy(part, 0, out, done * exampleLength, part.length);
        done += b;
      }
      return out;
    }
  }

  /** The sample picture at a step: a grid for images, a scatter plot over real points for 2D data. */
  public SampleImages.Png samplePicture() {
    float[] fake = fixedSamples();
    if (dataShape.length == 3) {
      return SampleImages.grid(fake, dataShape, training.sampleGrid());
    }
    int n = Math.max(512, fake.length / Math.max(1, exampleLength));
    float[] real = new float[n * exampleLength];
    data.batch(new SplittableRandom(1), n, real, new int[n]);
    float[] many = samples(n);
    double extent = 1.0;
    for (float v : real) {
      extent = Math.max(extent, Math.abs(v) * 1.25);
    }
    return SampleImages.scatter(many, real, extent);
  }

  /** Writes G's and D's parameters (with BatchNorm statistics) to {@code dir}. */
  public void saveCheckpoint(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    save(generator, dir.resolve("G-" + name + ".params"));
    save(discriminator, dir.resolve("D-" + name + ".params"));
    if (emaGenerator != null) {
      save(emaGenerator, dir.resolve("G-ema-" + name + ".params"));
    }
    saveState(generatorTransforms, dir.resolve("G-" + name + ".sn"));
    saveState(discriminatorTransforms, dir.resolve("D-" + name + ".sn"));
  }

  private static void saveState(Map<String, WeightTransform> transforms, Path file) throws IOException {
    if (transforms.isEmpty()) {
      return;
    }
    NDList all = new NDList();
    for (Map.Entry<String, WeightTransform> e : transforms.entrySet()) {
      for (NDArray a : e.getValue().state()) {
        NDArray named = a.duplicate();
        named.setName(e.getKey());
        all.add(named);
      }
    }
    Files.write(file, all.encode());
    all.close();
  }

  /** Restores weight-transform state (spectral norm's u) written with a checkpoint. */
  public static NDList loadState(NDManager manager, Path file) throws IOException {
    return NDList.decode(manager, Files.readAllBytes(file));
  }

  /**
   * Restores a checkpoint written by {@link #saveCheckpoint}: G's and D's parameters (and the EMA
   * copy's), and the weight-transform state (spectral norm's u and v). Values are copied into the
   * live arrays in place, so optimizers, the EMA copy and transforms keep their references.
   * Optimizer moments are not part of a checkpoint.
   */
  public void restoreCheckpoint(Path dir, String name) throws IOException {
    try (NDScope scope = new NDScope(); NDManager scratch = manager.newSubManager()) {
      scope.suppressNotUsedWarning();
      restoreParameters(generator, NetworkContext.Role.GENERATOR, scratch, dir.resolve("G-" + name + ".params"));
      restoreParameters(discriminator, NetworkContext.Role.DISCRIMINATOR, scratch, dir.resolve("D-" + name + ".params"));
      Path ema = dir.resolve("G-ema-" + name + ".params");
      if (emaGenerator != null && Files.exists(ema)) {
        restoreParameters(emaGenerator, NetworkContext.Role.GENERATOR, scratch, ema);
      }
      restoreState(generatorTransforms, scratch, dir.resolve("G-" + name + ".sn"));
      restoreState(discriminatorTransforms, scratch, dir.resolve("D-" + name + ".sn"));
    }
  }

  /** Loads {@code file} into a scratch copy of the network and copies every parameter into {@code live}. */
  private void restoreParameters(Block live, NetworkContext.Role role, NDManager scratch, Path file) throws IOException {
    boolean isGenerator = role == NetworkContext.Role.GENERATOR;
    DjlNetworkSpec spec = (DjlNetworkSpec) (isGenerator ? experiment.generator() : experiment.discriminator());
    boolean conditional = isGenerator ? experiment.generator().conditional() : experiment.discriminator().conditional();
    Block copy = spec.build(new NetworkContext(role, dataShape, conditional ? numClasses : 0, generatorLatent(),
        new DefaultLayerFactory()));
    Shape first = isGenerator ? new Shape(2, generatorLatent()) : batchShape(2L * experiment.discriminator().pack());
    if (conditional) {
      copy.initialize(scratch, DataType.FLOAT32, first, new Shape(2));
    } else {
      copy.initialize(scratch, DataType.FLOAT32, first);
    }
    try (java.io.InputStream in = Files.newInputStream(file);
        java.io.DataInputStream dis = new java.io.DataInputStream(new java.io.BufferedInputStream(in))) {
      copy.loadParameters(scratch, dis);
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<Parameter> to = new ArrayList<>(live.getParameters().values());
    List<Parameter> from = new ArrayList<>(copy.getParameters().values());
    if (to.size() != from.size()) {
      throw new IOException(file + " holds " + from.size() + " parameters; the network has " + to.size());
    }
    for (int i = 0; i < to.size(); i++) {
      copyInto(to.get(i).getArray(), from.get(i).getArray(), file);
    }
  }

  private static void restoreState(Map<String, WeightTransform> transforms, NDManager scratch, Path file)
      throws IOException {
    if (transforms.isEmpty()) {
      return;
    }
    NDList saved = loadState(scratch, file);
    int next = 0;
    for (Map.Entry<String, WeightTransform> e : transforms.entrySet()) {
      for (NDArray target : e.getValue().state()) {
        if (next >= saved.size() || !e.getKey().equals(saved.get(next).getName())) {
          throw new IOException(file + " does not hold the state of " + e.getKey());
        }
        copyInto(target, saved.get(next++), file);
      }
    }
  }

  private static void copyInto(NDArray target, NDArray value, Path file) throws IOException {
    if (!target.getShape().equals(value.getShape())) {
      throw new IOException(file + ": shape " + value.getShape() + " does not match " + target.getShape());
    }
    target.set(new ai.djl.ndarray.index.NDIndex(":"), value.toType(target.getDataType(), false));
  }

  private static void save(Block block, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp); DataOutputStream dos = new DataOutputStream(out)) {
      block.saveParameters(dos);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Learning rates at the current update counts. */
  public Map<String, Double> learningRates() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("lr_g", generatorOptimizer.learningRate(Math.max(1, generatorUpdates)));
    m.put("lr_d", discriminatorOptimizer.learningRate(Math.max(1, discriminatorUpdates)));
    if (instanceNoise != null) {
      m.put("instance_noise_sigma", instanceNoise.sigma(generatorUpdates));
    }
    return m;
  }

  /** The device the run trains on. */
  public Device device() {
    return device;
  }

  /**
   * Runs the whole experiment, reporting to {@code context}'s tracker: metrics every
   * {@code log-every} steps, sample pictures, checkpoints, metric plugins.
   *
   * @return true when it ran to the end, false when cancelled
   */
  public boolean run(RunContext context, List<Metric> metrics) throws IOException {
    Tracker tracker = context.tracker();
    Path runDir = context.runDirectory();
    Path samplesDir = runDir.resolve("samples");
    Files.createDirectories(samplesDir);
    long windowStart = System.nanoTime();
    long windowSteps = 0;
    int steps = training.steps();
    for (long step = 1; step <= steps; step++) {
      if (context.cancelled().getAsBoolean()) {
        return false;
      }
      Map<String, Double> values = null;
      boolean histogramStep = training.histogramEvery() > 0 && (step % training.histogramEvery() == 0 || step == steps);
      try (NDScope scope = new NDScope(); NDManager stepManager = manager.newSubManager()) {
        scope.suppressNotUsedWarning();
        keepGradients = histogramStep;
        StepResult r = step(stepManager, step);
        windowSteps++;
        if (step % training.logEvery() == 0 || step == steps) {
          values = r.toHost();
        }
      }
      if (values != null) {
        long now = System.nanoTime();
        values.putAll(learningRates());
        values.put("steps_per_sec", windowSteps / ((now - windowStart) / 1e9));
        windowStart = now;
        windowSteps = 0;
        if (!Double.isFinite(values.get("d_loss")) || !Double.isFinite(values.get("g_loss"))) {
          tracker.onMetrics(step, values);
          throw new DivergedException(String.format(Locale.ROOT,
              "training diverged at step %d: d_loss=%s g_loss=%s (lower the learning rates or try another loss)",
              step, values.get("d_loss"), values.get("g_loss")));
        }
        tracker.onMetrics(step, values);
      }
      boolean last = step == steps;
      if ((training.sampleEvery() > 0 && step % training.sampleEvery() == 0) || last) {
        SampleImages.Png png = samplePicture();
        Path file = samplesDir.resolve(String.format(Locale.ROOT, "step-%06d.png", step));
        Files.write(file, png.bytes());
        tracker.onImage(step, "samples", png.bytes(), png.width(), png.height());
      }
      for (int i = 0; i < metrics.size(); i++) {
        MetricSpec spec = experiment.metrics().get(i);
        if ((spec.every() > 0 && step % spec.every() == 0) || last) {
          tracker.onMetrics(step, metrics.get(i).evaluate(metricContext(step, runDir)));
        }
      }
      if (training.checkpointEvery() > 0 && step % training.checkpointEvery() == 0 && !last) {
        saveCheckpoint(runDir.resolve("checkpoints"), String.format(Locale.ROOT, "step-%06d", step));
      }
      if (histogramStep) {
        histograms(tracker, step);
      }
    }
    return true;
  }

  /** Weight histograms of G and D now, and the gradient histograms {@link #step} kept for this step. */
  private void histograms(Tracker tracker, long step) {
    for (Pair<String, Parameter> p : weightsOf(generator)) {
      tracker.onHistogram(step, "G/weights/" + p.getKey(), p.getValue().getArray().toFloatArray());
    }
    for (Pair<String, Parameter> p : weightsOf(discriminator)) {
      tracker.onHistogram(step, "D/weights/" + p.getKey(), p.getValue().getArray().toFloatArray());
    }
    keptGradients.forEach((tag, values) -> tracker.onHistogram(step, tag, values));
    keptGradients.clear();
  }

  /** Copies the gradients of {@code block}'s weights to the host, as {@code <net>/gradients/<name>}. */
  private void keepGradients(String net, Block block) {
    for (Pair<String, Parameter> p : weightsOf(block)) {
      try (NDArray g = p.getValue().getArray().getGradient()) {
        keptGradients.put(net + "/gradients/" + p.getKey(), g.toFloatArray());
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

  private Metric.Context metricContext(long step, Path runDir) {
    return new Metric.Context() {
      @Override
      public long step() {
        return step;
      }

      @Override
      public float[] generate(int n) {
        return samples(n);
      }

      @Override
      public DataSource data() {
        return data;
      }

      @Override
      public Path runDirectory() {
        return runDir;
      }
    };
  }

  @Override
  public void close() {
    manager.close();
    JniUtils.setGradMode(gradModeBefore); // the thread's autograd mode as this trainer found it
  }

  /** Training produced non-finite losses. */
  public static final class DivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DivergedException(String message) {
      super(message);
    }
  }
}
