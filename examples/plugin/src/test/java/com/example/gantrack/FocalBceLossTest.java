package com.example.gantrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.loss.BinaryCrossEntropy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code focal-bce} on the PyTorch engine gantrack trains with, against the same formula computed
 * by hand in plain Java doubles: D's and G's values, their gradients with respect to D's logits
 * (also when the garbage collector runs before the backward pass), and {@code gamma: 0} against
 * gantrack's own BCE.
 */
class FocalBceLossTest {
  /** D's logits on reals and fakes, and targets as label smoothing might set them. */
  static final float[] REAL = {2.5f, -1.0f, 0.3f, 7.0f, -4.2f};
  static final float[] FAKE = {-3.0f, 0.8f, 1.7f, -0.2f, 12.0f};
  static final float[] REAL_TARGETS = {1.0f, 0.9f, 0.8f, 1.0f, 0.95f};
  static final float[] FAKE_TARGETS = {0.0f, 0.1f, 0.2f, 0.0f, 0.05f};

  static NDManager manager;

  @BeforeAll
  static void engine() {
    manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  static NDArray column(float[] values) {
    return manager.create(values).reshape(values.length, 1);
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** mean |t − σ(x)|^γ · (softplus(x) − x·t), by hand. */
  static double focal(float[] x, float[] t, double gamma) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double bce = Math.log1p(Math.exp(x[i])) - x[i] * t[i];
      sum += Math.pow(Math.abs(t[i] - sigmoid(x[i])), gamma) * bce;
    }
    return sum / x.length;
  }

  /** {@code scale} · d focal / d x_i = scale · [γ |σ−t|^(γ−1) sign(σ−t) σ(1−σ) · bce + |σ−t|^γ (σ−t)] / N, by hand. */
  static double[] focalGradient(float[] x, float[] t, double gamma, double scale) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = sigmoid(x[i]);
      double d = s - t[i];
      double bce = Math.log1p(Math.exp(x[i])) - x[i] * t[i];
      g[i] = scale * (gamma * Math.pow(Math.abs(d), gamma - 1) * Math.signum(d) * s * (1 - s) * bce
          + Math.pow(Math.abs(d), gamma) * d) / x.length;
    }
    return g;
  }

  static DjlLossSpec.Loss loss(double gamma) {
    return new FocalBceLoss(gamma).create(null); // this loss asks the run for nothing
  }

  static DjlLossSpec.Targets targets() {
    return new DjlLossSpec.Targets(column(REAL_TARGETS), column(FAKE_TARGETS));
  }

  static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-6 + 1e-5 * Math.abs(expected), what);
  }

  @Test
  void discriminatorAndGeneratorLossesAreTheFocalWeightedBceOfTheFormula() {
    for (double gamma : new double[] {0.5, 2.0, 3.7}) {
      DjlLossSpec.Loss loss = loss(gamma);
      double d = loss.discriminator(column(REAL), column(FAKE), targets()).getFloat();
      assertClose(0.5 * (focal(REAL, REAL_TARGETS, gamma) + focal(FAKE, FAKE_TARGETS, gamma)), d, "D, gamma " + gamma);
      double g = loss.generator(column(FAKE), targets()).getFloat();
      assertClose(focal(FAKE, REAL_TARGETS, gamma), g, "G, gamma " + gamma);
    }
  }

  @Test
  void generatorGradientWithRespectToTheLogitsIsTheHandDerivedOne() {
    for (double gamma : new double[] {0.5, 2.0}) {
      NDArray fake = column(FAKE);
      fake.setRequiresGradient(true);
      try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
        c.backward(loss(gamma).generator(fake, targets()));
      }
      assertGradient(focalGradient(FAKE, REAL_TARGETS, gamma, 1), fake, "dG/dfake, gamma " + gamma);
    }
  }

  /**
   * The loss keeps the numbers it computes with alive until the backward pass (see {@link
   * dev.gantrack.djl.spi.tensor.Scalars}): here the garbage collector runs between forward and backward, and the
   * memory it frees is filled with NaN.
   */
  @Test
  void discriminatorGradientsStayRightWhenTheGarbageCollectorRunsBeforeTheBackwardPass() throws InterruptedException {
    NDArray real = column(REAL);
    NDArray fake = column(FAKE);
    real.setRequiresGradient(true);
    fake.setRequiresGradient(true);
    try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray d = loss(2.0).discriminator(real, fake, targets());
      List<ByteBuffer> reused = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        System.gc();
        Thread.sleep(20);
        for (int j = 0; j < 500; j++) {
          reused.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, Float.NaN));
        }
      }
      c.backward(d);
    }
    assertGradient(focalGradient(REAL, REAL_TARGETS, 2.0, 0.5), real, "dD/dreal");
    assertGradient(focalGradient(FAKE, FAKE_TARGETS, 2.0, 0.5), fake, "dD/dfake");
  }

  static void assertGradient(double[] expected, NDArray of, String what) {
    float[] actual = of.getGradient().toFloatArray();
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], what + "[" + i + "]");
    }
  }

  @Test
  void theDeclaredBalanceIsTheLeastDLossWhenRealAndFakeOutputsCannotDiffer() {
    float[] ones = {1f, 1f};
    float[] zeros = {0f, 0f};
    DjlLossSpec.Targets plain = new DjlLossSpec.Targets(column(ones), column(zeros));
    for (double gamma : new double[] {0, 0.5, 2.0}) {
      DjlLossSpec.Loss loss = loss(gamma);
      double least = Double.POSITIVE_INFINITY;
      for (int i = -300; i <= 300; i++) {
        float[] c = {i / 100f, i / 100f};
        least = Math.min(least, loss.discriminator(column(c), column(c), plain).getFloat());
      }
      assertClose(least, new FocalBceLoss(gamma).balancedDiscriminatorLoss().orElseThrow(), "balance, gamma " + gamma);
    }
  }

  @Test
  void gammaZeroIsGantracksNonSaturatingBce() {
    DjlLossSpec.Loss loss = loss(0);
    assertEquals(BinaryCrossEntropy.discriminator(column(REAL), column(FAKE), targets()).getFloat(),
        loss.discriminator(column(REAL), column(FAKE), targets()).getFloat());
    assertEquals(BinaryCrossEntropy.ofLogits(column(FAKE), column(REAL_TARGETS)).mean().getFloat(),
        loss.generator(column(FAKE), targets()).getFloat());
  }

  @Test
  void aGammaOutOfRangeIsRejectedNamingTheOptionAndTheRange() {
    InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> new FocalBceLoss(6.0));
    assertEquals("gamma", e.option());
    assertTrue(e.problem().contains("allowed 0 to 5"), e.problem());
    assertEquals(2.0, new FocalBceLoss(null).gamma(), "the default");
  }
}
