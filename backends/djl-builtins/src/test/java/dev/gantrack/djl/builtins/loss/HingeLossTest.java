package dev.gantrack.djl.builtins.loss;

import static dev.gantrack.djl.builtins.loss.LogitGradients.FAKE;
import static dev.gantrack.djl.builtins.loss.LogitGradients.FAKE_TARGETS;
import static dev.gantrack.djl.builtins.loss.LogitGradients.REAL;
import static dev.gantrack.djl.builtins.loss.LogitGradients.REAL_TARGETS;
import static dev.gantrack.djl.builtins.loss.LogitGradients.assertClose;

import dev.gantrack.djl.builtins.NoServices;
import dev.gantrack.djl.spi.DjlLossSpec;
import org.junit.jupiter.api.Test;

/** {@code hinge} against the hinge formulas worked out by hand in doubles. */
class HingeLossTest {
  private final DjlLossSpec.Loss loss = new HingeLoss().create(NoServices.INSTANCE);

  @Test
  void discriminatorValueAndGradientAreTheMeanOfTheRealAndFakeHinges() {
    int n = REAL.length;
    double realTerm = 0;
    double fakeTerm = 0;
    double[] dReal = new double[n];
    double[] dFake = new double[n];
    for (int i = 0; i < n; i++) {
      realTerm += Math.max(0, 1 - (double) REAL[i]) / n;
      fakeTerm += Math.max(0, 1 + (double) FAKE[i]) / n;
      dReal[i] = 1 - REAL[i] > 0 ? -0.5 / n : 0; // only examples inside the margin pull
      dFake[i] = 1 + FAKE[i] > 0 ? 0.5 / n : 0;
    }
    LogitGradients.Result got = LogitGradients.discriminator(loss, REAL, FAKE, REAL_TARGETS, FAKE_TARGETS);
    assertClose(0.5 * (realTerm + fakeTerm), got.value(), "D loss");
    assertClose(dReal, got.realGradient(), "dL/dD(x)");
    assertClose(dFake, got.fakeGradient(), "dL/dD(G(z))");
  }

  @Test
  void generatorValueAndGradientAreMinusTheMeanScore() {
    WassersteinLossTest.assertGeneratorLossAndGradient(loss); // the same G loss as WGAN's
  }

  @Test
  void targetsDoNotChangeTheLoss() {
    float[] ones = LogitGradients.constant(REAL.length, 1f);
    float[] zeros = LogitGradients.constant(REAL.length, 0f);
    assertClose(LogitGradients.discriminator(loss, REAL, FAKE, ones, zeros).value(),
        LogitGradients.discriminator(loss, REAL, FAKE, REAL_TARGETS, FAKE_TARGETS).value(), "D loss");
  }

  @Test
  void scoreIsTheRawOutput() {
    double[] got = LogitGradients.score(loss, FAKE);
    for (int i = 0; i < FAKE.length; i++) {
      assertClose(FAKE[i], got[i], "score");
    }
  }
}
