package dev.gantrack.djl.builtins.loss;

import static dev.gantrack.djl.builtins.loss.LogitGradients.FAKE;
import static dev.gantrack.djl.builtins.loss.LogitGradients.FAKE_TARGETS;
import static dev.gantrack.djl.builtins.loss.LogitGradients.REAL;
import static dev.gantrack.djl.builtins.loss.LogitGradients.REAL_TARGETS;
import static dev.gantrack.djl.builtins.loss.LogitGradients.assertClose;

import dev.gantrack.djl.builtins.NoServices;
import dev.gantrack.djl.spi.DjlLossSpec;
import org.junit.jupiter.api.Test;

/** {@code lsgan} against the least-squares formulas worked out by hand in doubles. */
class LsganLossTest {
  private final DjlLossSpec.Loss loss = new LsganLoss().create(NoServices.INSTANCE);

  @Test
  void discriminatorValueAndGradientMatchHalfMeanSquaredErrors() {
    int n = REAL.length;
    double value = 0;
    double[] dReal = new double[n];
    double[] dFake = new double[n];
    for (int i = 0; i < n; i++) {
      double r = REAL[i] - (double) REAL_TARGETS[i];
      double f = FAKE[i] - (double) FAKE_TARGETS[i];
      value += 0.5 * (r * r + f * f) / n;
      dReal[i] = r / n; // d/dr ½·(1/n)·(r − t)²
      dFake[i] = f / n;
    }
    LogitGradients.Result got = LogitGradients.discriminator(loss, REAL, FAKE, REAL_TARGETS, FAKE_TARGETS);
    assertClose(value, got.value(), "D loss");
    assertClose(dReal, got.realGradient(), "dL/dD(x)");
    assertClose(dFake, got.fakeGradient(), "dL/dD(G(z))");
  }

  @Test
  void generatorValueAndGradientPullFakesTowardsTheRealTarget() {
    int n = FAKE.length;
    double value = 0;
    double[] dFake = new double[n];
    for (int i = 0; i < n; i++) {
      double f = FAKE[i] - (double) REAL_TARGETS[i];
      value += 0.5 * f * f / n;
      dFake[i] = f / n;
    }
    LogitGradients.Result got = LogitGradients.generator(loss, FAKE, REAL_TARGETS);
    assertClose(value, got.value(), "G loss");
    assertClose(dFake, got.fakeGradient(), "dL/dD(G(z))");
  }

  @Test
  void discriminatorLossIsAQuarterAtEquilibrium() {
    float[] half = LogitGradients.constant(8, 0.5f);
    LogitGradients.Result got = LogitGradients.discriminator(loss, half, half,
        LogitGradients.constant(8, 1f), LogitGradients.constant(8, 0f));
    assertClose(0.25, got.value(), "D loss with D = 0.5 everywhere");
  }

  @Test
  void scoreIsTheRawOutput() {
    double[] got = LogitGradients.score(loss, REAL);
    for (int i = 0; i < REAL.length; i++) {
      assertClose(REAL[i], got[i], "score");
    }
  }
}
