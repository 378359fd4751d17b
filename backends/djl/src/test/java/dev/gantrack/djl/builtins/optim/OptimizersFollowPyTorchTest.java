package dev.gantrack.djl.builtins.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.djl.spi.DjlTturSpec;
import dev.gantrack.djl.spi.tensor.Scalars;
import dev.gantrack.djl.train.TestServices;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer, step by step, against torch.optim's update formulas written out here in plain
 * Java doubles. The gradients come from a backward pass through a known function,
 * {@code f(w) = Σ c·w²/2 + Σ b·w}, whose gradient {@code c·w + b} the reference computes itself.
 */
class OptimizersFollowPyTorchTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final double[] W0 = {0.8, -0.5, 0.3, -1.2};
  static final double[] C = {1.0, 2.0, 0.5, 3.0};
  static final double[] B = {0.1, -0.2, 0.3, 0.05};
  static final int STEPS = 6;
  static final double TOLERANCE = 2e-6;

  NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** Resolved options from {@code key, value, ...} as an experiment file would give them. */
  static OptimizerOptions options(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return OptimizerOptions.resolve("generator", JSON.convertValue(m, OptimizerOptions.class), null);
  }

  Parameter parameter(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    NDArray a = manager.create(f, new Shape(values.length));
    a.setRequiresGradient(true);
    Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
    p.setArray(a);
    return p;
  }

  /** Backward pass of f at the parameter's current value: leaves c·w + b in its gradient. */
  void backward(NDArray w) {
    try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      scope.suppressNotUsedWarning();
      NDArray c = manager.create(toFloat(C));
      NDArray b = manager.create(toFloat(B));
      NDArray f = w.square().mul(c).sum().mul(Scalars.of(w, 0.5)).add(w.mul(b).sum()); // Scalars: backward reads it
      gc.backward(f);
    }
  }

  static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  /** The reference: the next parameter value from the current one and the 1-based update count. */
  interface Reference {
    double[] step(double[] w, double[] g, double lr, int t);
  }

  static double[] gradient(double[] w) {
    double[] g = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      g[i] = C[i] * w[i] + B[i];
    }
    return g;
  }

  /** Runs both for {@link #STEPS} updates with learning rate lr(t); asserts equal values and cleared gradients. */
  void assertFollows(OptimizerOptions o, java.util.function.IntToDoubleFunction lr, Reference reference) {
    Parameter p = parameter(W0);
    NDArray w = p.getArray();
    DjlTturSpec.Optimizer opt = TturOptimizers.create(o, List.of(p), STEPS, TestServices.kernels(manager));
    double[] expected = W0.clone();
    int liveAfterFirst = -1;
    for (int t = 1; t <= STEPS; t++) {
      double[] before = expected.clone();
      backward(w);
      assertEquals(lr.applyAsDouble(t), opt.learningRate(t), 1e-12, "lr at update " + t);
      opt.update(t);
      expected = reference.step(expected, gradient(expected), lr.applyAsDouble(t), t);
      float[] actual = w.toFloatArray();
      double moved = 0;
      for (int i = 0; i < actual.length; i++) {
        assertEquals(expected[i], actual[i], TOLERANCE, o.optimizer() + " update " + t + " element " + i);
        moved = Math.max(moved, Math.abs(expected[i] - before[i]));
      }
      assertTrue(moved > 100 * TOLERANCE, "the update must be large enough to tell formulas apart: " + moved);
      try (NDArray g = w.getGradient()) {
        for (float gi : g.toFloatArray()) {
          assertEquals(0f, gi, "gradient cleared after update " + t);
        }
      }
      if (t == 1) {
        liveAfterFirst = manager.getManagedArrays().size();
      }
    }
    assertEquals(liveAfterFirst, manager.getManagedArrays().size(),
        "state is allocated up front; an update's temporaries die with it");
  }

  @Test
  void adamMatchesTorchAdamWithBiasCorrectionL2DecayAndEpsilonInsideTheCorrectedDenominator() {
    double lr = 0.05, b1 = 0.9, b2 = 0.99, eps = 1e-2, wd = 0.05;
    double[] m = new double[4], v = new double[4];
    assertFollows(options("optimizer", "adam", "lr", lr, "beta1", b1, "beta2", b2, "epsilon", eps, "weight-decay", wd),
        t -> lr, (w, g, a, t) -> {
          double[] out = new double[w.length];
          for (int i = 0; i < w.length; i++) {
            double d = g[i] + wd * w[i];
            m[i] = b1 * m[i] + (1 - b1) * d;
            v[i] = b2 * v[i] + (1 - b2) * d * d;
            double mHat = m[i] / (1 - Math.pow(b1, t));
            double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
            out[i] = w[i] - a * mHat / denom;
          }
          return out;
        });
  }

  @Test
  void adamwDecaysWeightsDecoupledFromTheGradient() {
    double lr = 0.05, b1 = 0.5, b2 = 0.999, eps = 1e-8, wd = 0.2;
    double[] m = new double[4], v = new double[4];
    assertFollows(options("optimizer", "adamw", "lr", lr, "beta1", b1, "beta2", b2, "weight-decay", wd),
        t -> lr, (w, g, a, t) -> {
          double[] out = new double[w.length];
          for (int i = 0; i < w.length; i++) {
            double decayed = w[i] * (1 - a * wd);
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            double denom = Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps;
            out[i] = decayed - a * (m[i] / (1 - Math.pow(b1, t))) / denom;
          }
          return out;
        });
  }

  /** torch.optim.SGD written out: buffer = d at the first update, μ·buffer + (1 − dampening)·d after. */
  static Reference sgd(double wd, double mu, double dampening, boolean nesterov) {
    double[] buf = new double[4];
    boolean[] started = {false};
    return (w, g, a, t) -> {
      double[] out = new double[w.length];
      for (int i = 0; i < w.length; i++) {
        double d = g[i] + wd * w[i];
        if (mu != 0) {
          buf[i] = started[0] ? mu * buf[i] + (1 - dampening) * d : d;
          d = nesterov ? d + mu * buf[i] : buf[i];
        }
        out[i] = w[i] - a * d;
      }
      started[0] = true;
      return out;
    };
  }

  @Test
  void plainSgdSubtractsLrTimesGradientPlusDecay() {
    assertFollows(options("optimizer", "sgd", "lr", 0.1, "weight-decay", 0.01), t -> 0.1, sgd(0.01, 0, 0, false));
  }

  @Test
  void sgdWithMomentumAndDampeningMatchesTorchSgd() {
    assertFollows(options("optimizer", "sgd", "lr", 0.05, "momentum", 0.9, "dampening", 0.3, "weight-decay", 0.02),
        t -> 0.05, sgd(0.02, 0.9, 0.3, false));
  }

  @Test
  void sgdWithNesterovMomentumMatchesTorchSgd() {
    assertFollows(options("optimizer", "sgd", "lr", 0.05, "momentum", 0.8, "nesterov", true, "weight-decay", 0.01),
        t -> 0.05, sgd(0.01, 0.8, 0, true));
  }

  @Test
  void sgdMomentumKeepsTheLearningRateOutsideTheBufferUnderALinearSchedule() {
    // DJL's native sgdUpdate stores lr·d in the buffer; PyTorch stores d and multiplies by the current lr
    double lr = 0.1, f = 0.2;
    assertFollows(options("optimizer", "sgd", "lr", lr, "momentum", 0.9, "schedule", "linear", "final-lr", f),
        t -> lr * (1 - (1 - f) * t / (double) STEPS), sgd(0, 0.9, 0, false));
  }

  /** torch.optim.RMSprop written out. */
  static Reference rmsprop(double alpha, double eps, double wd, double mu, boolean centered) {
    double[] sq = new double[4], avg = new double[4], buf = new double[4];
    return (w, g, a, t) -> {
      double[] out = new double[w.length];
      for (int i = 0; i < w.length; i++) {
        double d = g[i] + wd * w[i];
        sq[i] = alpha * sq[i] + (1 - alpha) * d * d;
        double var = sq[i];
        if (centered) {
          avg[i] = alpha * avg[i] + (1 - alpha) * d;
          var = sq[i] - avg[i] * avg[i];
        }
        double q = d / (Math.sqrt(var) + eps);
        if (mu > 0) {
          buf[i] = mu * buf[i] + q;
          q = buf[i];
        }
        out[i] = w[i] - a * q;
      }
      return out;
    };
  }

  @Test
  void rmspropMatchesTorchRmsprop() {
    assertFollows(options("optimizer", "rmsprop", "lr", 0.01, "alpha", 0.9, "epsilon", 1e-3),
        t -> 0.01, rmsprop(0.9, 1e-3, 0, 0, false));
  }

  @Test
  void centeredRmspropWithMomentumAndDecayMatchesTorchRmsprop() {
    assertFollows(options("optimizer", "rmsprop", "lr", 0.01, "alpha", 0.8, "epsilon", 1e-2, "momentum", 0.7,
            "centered", true, "weight-decay", 0.05),
        t -> 0.01, rmsprop(0.8, 1e-2, 0.05, 0.7, true));
  }

  @Test
  void generatorAndDiscriminatorOptimizersKeepSeparateState() {
    TwoTimeScale spec = new TwoTimeScale(null, null, 2);
    Parameter pg = parameter(W0);
    Parameter pd = parameter(W0);
    DjlTturSpec.Optimizer g = spec.generator(List.of(pg), STEPS, TestServices.kernels(manager));
    DjlTturSpec.Optimizer d = spec.discriminator(List.of(pd), STEPS * 2L, TestServices.kernels(manager));
    // D takes three updates; G's parameter and moments must be untouched, so G's first update is
    // exactly a fresh Adam's first update: w − lr·sign(g)·|g|/(|g| + ε) with bias correction.
    for (int t = 1; t <= 3; t++) {
      backward(pd.getArray());
      d.update(t);
    }
    float[] gBefore = pg.getArray().toFloatArray();
    for (int i = 0; i < W0.length; i++) {
      assertEquals((float) W0[i], gBefore[i], "D's updates never touch G's parameter");
    }
    float[] dAfter3 = pd.getArray().toFloatArray();
    backward(pg.getArray());
    g.update(1);
    float[] gAfter = pg.getArray().toFloatArray();
    double[] grad = gradient(W0);
    for (int i = 0; i < W0.length; i++) {
      // Adam at t = 1: m̂ = g, v̂ = g², step lr·g/(|g| + ε)
      double expected = W0[i] - 1e-4 * grad[i] / (Math.abs(grad[i]) + 1e-8);
      assertEquals(expected, gAfter[i], 1e-7, "G's first update sees fresh moments");
    }
    float[] dAfterG = pd.getArray().toFloatArray();
    for (int i = 0; i < W0.length; i++) {
      assertEquals(dAfter3[i], dAfterG[i], "G's update never touches D's parameter");
    }
    assertEquals(1e-4, g.learningRate(1), 0);
    assertEquals(4e-4, d.learningRate(1), 0);
  }
}
