package dev.gantrack.djl.builtins.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gantrack.djl.spi.DjlLossSpec;

/**
 * Runs a loss on fixed logits of shape (N, 1) and returns its value and its gradient with respect to
 * the logits, from DJL's gradient collector, as host doubles.
 */
final class LogitGradients {
  /** D's outputs on reals and fakes: a handful of values, negative, around the hinge kinks, and large. */
  static final float[] REAL = {2.5f, -1.0f, 0.3f, 7.0f, -4.2f, 0.75f};
  static final float[] FAKE = {-3.0f, 0.8f, 1.7f, -0.2f, 12.0f, -1.5f};
  /** Targets as label smoothing might give them, different per example. */
  static final float[] REAL_TARGETS = {1.0f, 0.9f, 0.8f, 1.0f, 0.95f, 0.7f};
  static final float[] FAKE_TARGETS = {0.0f, 0.1f, 0.2f, 0.0f, 0.05f, 0.3f};

  /** A loss value and its gradients with respect to the real and fake logits. */
  record Result(double value, double[] realGradient, double[] fakeGradient) {}

  private LogitGradients() {}

  static Result discriminator(DjlLossSpec.Loss loss, float[] real, float[] fake, float[] realTargets, float[] fakeTargets) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray r = column(m, real);
      NDArray f = column(m, fake);
      r.setRequiresGradient(true);
      f.setRequiresGradient(true);
      try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray v = loss.discriminator(r, f, new DjlLossSpec.Targets(column(m, realTargets), column(m, fakeTargets)));
        c.backward(v);
        return new Result(v.getFloat(), doubles(r.getGradient()), doubles(f.getGradient()));
      }
    }
  }

  static Result generator(DjlLossSpec.Loss loss, float[] fake, float[] targets) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray f = column(m, fake);
      f.setRequiresGradient(true);
      try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray zeros = m.zeros(f.getShape());
        NDArray v = loss.generator(f, new DjlLossSpec.Targets(column(m, targets), zeros));
        c.backward(v);
        return new Result(v.getFloat(), null, doubles(f.getGradient()));
      }
    }
  }

  /** What the loss reports as D's score for {@code logits}, as host doubles. */
  static double[] score(DjlLossSpec.Loss loss, float[] logits) {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      return doubles(loss.score(column(m, logits)));
    }
  }

  static float[] constant(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  static double[] constantDoubles(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-6 + 1e-6 * Math.abs(expected), what);
  }

  static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], what + "[" + i + "]");
    }
  }

  private static NDArray column(NDManager m, float[] values) {
    return m.create(values, new Shape(values.length, 1));
  }

  private static double[] doubles(NDArray a) {
    float[] f = a.toFloatArray();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
