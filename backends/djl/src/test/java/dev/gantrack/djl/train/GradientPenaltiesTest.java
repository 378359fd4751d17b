package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.gantrack.djl.builtins.GarbageCollection;
import dev.gantrack.djl.builtins.loss.WganGpLoss;
import dev.gantrack.djl.builtins.penalty.GradientPenalty;
import dev.gantrack.djl.builtins.penalty.R1Penalty;
import dev.gantrack.djl.builtins.penalty.R2Penalty;
import dev.gantrack.djl.spi.DjlPenaltySpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code r1}, {@code r2} and {@code gp} on a small real D (3 → 6 tanh → 1, float64, fixed seed): each
 * penalty's value against central finite differences of D's output with respect to its input, and
 * the penalty's gradient with respect to D's weights (the double backward) against finite
 * differences of the penalty with respect to those weights.
 */
class GradientPenaltiesTest {
  private static final int N = 4;
  private static final int DIM = 3;
  private static final double H = 1e-6;
  private static final long SEED = 123;

  private NDManager manager;
  private SequentialBlock discriminator;
  private ParameterStore store;
  private List<Parameter> weights;
  private Context context;

  /** The trainer's penalty context rebuilt for a bare block: the same second backward pass with a graph. */
  private final class Context implements DjlPenaltySpec.Context {
    final NDArray real;
    final NDArray fake;
    final List<double[]> inputs = new ArrayList<>();

    Context(NDArray real, NDArray fake) {
      this.real = real;
      this.fake = fake;
    }

    @Override public NDManager manager() { return manager; }
    @Override public NDArray real() { return real; }
    @Override public NDArray fake() { return fake; }
    @Override public NDArray realLabels() { return null; }
    @Override public NDArray fakeLabels() { return null; }
    @Override public long step() { return 1; }

    @Override
    public NDArray inputGradient(NDArray x, NDArray labels) {
      inputs.add(x.toDoubleArray());
      x.setRequiresGradient(true);
      NDArray out = discriminator.forward(store, new NDList(x), true).singletonOrThrow().sum();
      JniUtils.backward((PtNDArray) out, (PtNDArray) out.onesLike(), true, true);
      NDArray g = x.getGradient();
      zeroWeightGradients();
      return g;
    }
  }

  @BeforeEach
  void smallDiscriminator() {
    manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    Engine.getEngine("PyTorch").setRandomSeed(7);
    discriminator = new SequentialBlock()
        .add(Linear.builder().setUnits(6).build())
        .add(Activation::tanh)
        .add(Linear.builder().setUnits(1).build());
    discriminator.initialize(manager, DataType.FLOAT64, new Shape(N, DIM));
    store = new ParameterStore(manager, false);
    weights = new ArrayList<>();
    for (Pair<String, Parameter> p : discriminator.getParameters()) {
      weights.add(p.getValue());
    }
    double[] real = {0.9, -0.4, 1.3, -1.1, 0.2, 0.5, 0.05, 1.7, -0.8, 0.6, -0.3, -1.2};
    double[] fake = {-0.2, 0.7, 0.1, 1.5, -0.9, 0.4, -0.6, -0.5, 0.3, 0.0, 1.1, -1.4};
    context = new Context(manager.create(real, new Shape(N, DIM)), manager.create(fake, new Shape(N, DIM)));
    JniUtils.setGradMode(false);
  }

  @AfterEach
  void close() {
    manager.close();
    JniUtils.setGradMode(true);
  }

  private void zeroWeightGradients() {
    for (Parameter p : weights) {
      JniUtils.zeroGrad((PtNDArray) p.getArray());
    }
  }

  /** D's outputs on the N examples in {@code x} (N × DIM, row-major), without any graph. */
  private double[] outputs(double[] x) {
    JniUtils.setGradMode(false);
    NDArray a = manager.create(x, new Shape(N, DIM));
    return discriminator.forward(store, new NDList(a), false).singletonOrThrow().toDoubleArray();
  }

  /** ∂D(x_i)/∂x_ij by central differences (D treats examples independently, so one coordinate of all at once). */
  private double[][] inputGradientByDifferences(double[] x) {
    double[][] g = new double[N][DIM];
    for (int j = 0; j < DIM; j++) {
      double[] plus = x.clone();
      double[] minus = x.clone();
      for (int i = 0; i < N; i++) {
        plus[i * DIM + j] += H;
        minus[i * DIM + j] -= H;
      }
      double[] up = outputs(plus);
      double[] down = outputs(minus);
      for (int i = 0; i < N; i++) {
        g[i][j] = (up[i] - down[i]) / (2 * H);
      }
    }
    return g;
  }

  private static double squaredNorm(double[] v) {
    double s = 0;
    for (double e : v) {
      s += e * e;
    }
    return s;
  }

  /** γ/2 · mean_i ‖∇D(x_i)‖², from finite differences. */
  private double zeroCentredByDifferences(double[] x, double gamma) {
    double sum = 0;
    for (double[] gi : inputGradientByDifferences(x)) {
      sum += squaredNorm(gi);
    }
    return gamma / 2 * sum / N;
  }

  /** The penalty's value, with the random stream reset so that interpolates repeat. */
  private double value(DjlPenaltySpec.Penalty penalty) {
    Engine.getEngine("PyTorch").setRandomSeed((int) SEED);
    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
      collector.zeroGradients();
      return penalty.compute(context).toDoubleArray()[0];
    } finally {
      JniUtils.setGradMode(false);
    }
  }

  /** d(penalty)/d(weight element k) through the double backward, as the trainer's final backward pass gets it. */
  private double weightGradient(DjlPenaltySpec.Penalty penalty, Parameter weight, int k) {
    return weightGradient(penalty, weight, k, false);
  }

  /** The same, optionally with the garbage collector reclaiming (and NaN overwriting) memory before the backward pass. */
  private double weightGradient(DjlPenaltySpec.Penalty penalty, Parameter weight, int k, boolean collect) {
    Engine.getEngine("PyTorch").setRandomSeed((int) SEED);
    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray v = penalty.compute(context);
      if (collect) {
        GarbageCollection.collectAndOverwriteFreedMemory();
      }
      collector.backward(v);
      double g = weight.getArray().getGradient().toDoubleArray()[k];
      zeroWeightGradients();
      return g;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    } finally {
      JniUtils.setGradMode(false);
    }
  }

  /** Central difference of the penalty's value with respect to weight element k. */
  private double weightGradientByDifferences(DjlPenaltySpec.Penalty penalty, Parameter weight, int k) {
    NDArray w = weight.getArray();
    double[] step = new double[(int) w.size()];
    step[k] = H;
    NDArray delta = manager.create(step, w.getShape());
    JniUtils.setGradMode(false);
    w.addi(delta);
    double up = value(penalty);
    w.subi(delta).subi(delta);
    double down = value(penalty);
    w.addi(delta);
    return (up - down) / (2 * H);
  }

  private void assertWeightGradientsMatchDifferences(DjlPenaltySpec.Penalty penalty) {
    // the first layer's weight (input side) and the output layer's weight
    for (Parameter weight : List.of(weights.get(0), weights.get(2))) {
      for (int k : new int[] {0, 4}) {
        double analytic = weightGradient(penalty, weight, k);
        double numeric = weightGradientByDifferences(penalty, weight, k);
        assertTrue(Math.abs(numeric) > 1e-6, weight.getName() + "[" + k + "] has a gradient: " + numeric);
        assertEquals(numeric, analytic, 1e-6 * Math.abs(numeric) + 1e-9, weight.getName() + "[" + k + "]");
      }
    }
  }

  @Test
  void r1IsHalfGammaTimesTheMeanSquaredInputGradientOnReals() {
    DjlPenaltySpec.Penalty r1 = new R1Penalty(3.0).create(TestServices.none());
    double expected = zeroCentredByDifferences(context.real.toDoubleArray(), 3.0);
    assertEquals(expected, value(r1), 1e-7 * expected);
    assertArrayEquals(context.real.toDoubleArray(), context.inputs.get(0), 0.0, "judged the reals");
  }

  @Test
  void r2IsTheSamePenaltyOnFakes() {
    DjlPenaltySpec.Penalty r2 = new R2Penalty(null).create(TestServices.none());
    double expected = zeroCentredByDifferences(context.fake.toDoubleArray(), 10.0);
    assertEquals(expected, value(r2), 1e-7 * expected);
    assertArrayEquals(context.fake.toDoubleArray(), context.inputs.get(0), 0.0, "judged the fakes");
  }

  @Test
  void gpIsLambdaTimesTheMeanSquaredDistanceOfTheGradientNormFromTheTarget() {
    for (double target : new double[] {1.0, 0.25}) {
      context.inputs.clear();
      DjlPenaltySpec.Penalty gp = new GradientPenalty(2.0, target).create(TestServices.none());
      double got = value(gp);
      double[] mixed = context.inputs.get(0);
      assertOnePointPerSegment(mixed);
      double sum = 0;
      for (double[] gi : inputGradientByDifferences(mixed)) {
        double d = Math.sqrt(squaredNorm(gi)) - target;
        sum += d * d;
      }
      double expected = 2.0 * sum / N;
      assertEquals(expected, got, 1e-7 * expected, "target " + target);
    }
  }

  /** Each interpolate is ε_i·x_i + (1 − ε_i)·x̃_i with one ε_i in (0, 1) for all of its coordinates. */
  private void assertOnePointPerSegment(double[] mixed) {
    double[] real = context.real.toDoubleArray();
    double[] fake = context.fake.toDoubleArray();
    double[] eps = new double[N];
    for (int i = 0; i < N; i++) {
      int j0 = i * DIM;
      eps[i] = (mixed[j0] - fake[j0]) / (real[j0] - fake[j0]);
      assertTrue(eps[i] > 0 && eps[i] < 1, "ε_" + i + " = " + eps[i]);
      for (int j = 0; j < DIM; j++) {
        int at = i * DIM + j;
        assertEquals(eps[i] * real[at] + (1 - eps[i]) * fake[at], mixed[at], 1e-6, "x̂[" + i + "][" + j + "]");
      }
    }
    assertTrue(eps[0] != eps[1] || eps[1] != eps[2], "ε is drawn per example");
  }

  @Test
  void wganGpLossAddsExactlyTheGpPenalty() {
    double fromLoss = value(new WganGpLoss(2.0).create(TestServices.none()).penalty());
    double standalone = value(new GradientPenalty(2.0, null).create(TestServices.none()));
    assertEquals(standalone, fromLoss, 0.0);
    assertEquals(context.inputs.get(0)[0], context.inputs.get(1)[0], 0.0, "the same interpolates");
  }

  @Test
  void r1GradientWithRespectToWeightsMatchesFiniteDifferences() {
    assertWeightGradientsMatchDifferences(new R1Penalty(3.0).create(TestServices.none()));
  }

  @Test
  void r2GradientWithRespectToWeightsMatchesFiniteDifferences() {
    assertWeightGradientsMatchDifferences(new R2Penalty(3.0).create(TestServices.none()));
  }

  @Test
  void gpGradientWithRespectToWeightsMatchesFiniteDifferences() {
    assertWeightGradientsMatchDifferences(new GradientPenalty(2.0, null).create(TestServices.none()));
  }

  @Test
  void penaltyWeightGradientsDoNotDependOnMemoryTheGarbageCollectorReclaims() {
    for (DjlPenaltySpec.Penalty penalty : List.of(new R1Penalty(3.0).create(TestServices.none()),
        new GradientPenalty(2.0, null).create(TestServices.none()))) {
      Parameter weight = weights.get(0);
      assertEquals(weightGradient(penalty, weight, 0), weightGradient(penalty, weight, 0, true), 0.0,
          penalty.metricName());
    }
  }
}
