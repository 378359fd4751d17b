package dev.gantrack.djl.builtins.loss;

import static dev.gantrack.djl.builtins.loss.BceInDoubles.bce;
import static dev.gantrack.djl.builtins.loss.BceInDoubles.bceSlope;
import static dev.gantrack.djl.builtins.loss.BceInDoubles.sigmoid;
import static dev.gantrack.djl.builtins.loss.LogitGradients.FAKE;
import static dev.gantrack.djl.builtins.loss.LogitGradients.FAKE_TARGETS;
import static dev.gantrack.djl.builtins.loss.LogitGradients.REAL;
import static dev.gantrack.djl.builtins.loss.LogitGradients.REAL_TARGETS;
import static dev.gantrack.djl.builtins.loss.LogitGradients.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.djl.builtins.NoServices;
import dev.gantrack.djl.spi.DjlLossSpec;
import org.junit.jupiter.api.Test;

/** {@code relativistic} (RSGAN) against its formulas worked out by hand in doubles, the i-th real paired with the i-th fake. */
class RelativisticLossTest {
  private final DjlLossSpec.Loss loss = new RelativisticLoss().create(NoServices.INSTANCE);

  /** A loss value and its gradients with respect to the x and y logits. */
  record Expected(double value, double[] dx, double[] dy) {}

  /**
   * ½·(1/n)·Σᵢ [BCE(xᵢ − yᵢ, txᵢ) + BCE(yᵢ − xᵢ, tyᵢ)] and its gradient, by hand: d/dxᵢ is
   * ½·(1/n)·[(σ(xᵢ − yᵢ) − txᵢ) − (σ(yᵢ − xᵢ) − tyᵢ)] and d/dyᵢ its negative.
   */
  static Expected pairTerms(float[] x, float[] y, float[] tx, float[] ty) {
    int n = x.length;
    double value = 0;
    double[] dx = new double[n];
    double[] dy = new double[n];
    for (int i = 0; i < n; i++) {
      double d = (double) x[i] - y[i];
      value += 0.5 * (bce(d, tx[i]) + bce(-d, ty[i])) / n;
      dx[i] = 0.5 * (bceSlope(d, tx[i]) - bceSlope(-d, ty[i])) / n;
      dy[i] = -dx[i];
    }
    return new Expected(value, dx, dy);
  }

  @Test
  void discriminatorValueAndGradientAreTheMeanOfTheRealAndFakePairTerms() {
    Expected want = pairTerms(REAL, FAKE, REAL_TARGETS, FAKE_TARGETS);
    LogitGradients.Result got = LogitGradients.discriminator(loss, REAL, FAKE, REAL_TARGETS, FAKE_TARGETS);
    assertClose(want.value(), got.value(), "D loss");
    assertClose(want.dx(), got.realGradient(), "dL/dC(x_r)");
    assertClose(want.dy(), got.fakeGradient(), "dL/dC(x_f)");
  }

  @Test
  void generatorValueAndGradientAreDsWithTheRolesOfRealAndFakeSwapped() {
    // ½[BCE(C(x_f) − C(x_r), t_real) + BCE(C(x_r) − C(x_f), t_fake)] with G's targets
    Expected want = pairTerms(FAKE, REAL, REAL_TARGETS, FAKE_TARGETS);
    LogitGradients.Result got = LogitGradients.generator(loss, FAKE, REAL, REAL_TARGETS, FAKE_TARGETS);
    assertClose(want.value(), got.value(), "G loss");
    assertClose(want.dx(), got.fakeGradient(), "dL/dC(x_f)");
    assertClose(want.dy(), got.realGradient(), "dL/dC(x_r)");
  }

  @Test
  void discriminatorLossIsOneBceOnEachPairTowardsTheAverageOfItsTwoTargets() {
    int n = REAL.length;
    double value = 0;
    for (int i = 0; i < n; i++) {
      value += bce((double) REAL[i] - FAKE[i], (REAL_TARGETS[i] + 1.0 - FAKE_TARGETS[i]) / 2) / n;
    }
    assertClose(value, LogitGradients.discriminator(loss, REAL, FAKE, REAL_TARGETS, FAKE_TARGETS).value(), "D loss");
  }

  @Test
  void withPlainTargetsTheLossesAreThePapersSoftplusForms() {
    int n = REAL.length;
    double dValue = 0;
    double gValue = 0;
    double[] dReal = new double[n];
    double[] gFake = new double[n];
    for (int i = 0; i < n; i++) {
      double d = (double) REAL[i] - FAKE[i];
      dValue += Math.log1p(Math.exp(-d)) / n; // BCE(C(x_r) − C(x_f), 1) = softplus(−d)
      gValue += Math.log1p(Math.exp(d)) / n; // BCE(C(x_f) − C(x_r), 1) = softplus(d)
      dReal[i] = -sigmoid(-d) / n;
      gFake[i] = -sigmoid(d) / n;
    }
    float[] ones = LogitGradients.constant(n, 1f);
    float[] zeros = LogitGradients.constant(n, 0f);
    LogitGradients.Result d = LogitGradients.discriminator(loss, REAL, FAKE, ones, zeros);
    assertClose(dValue, d.value(), "D loss");
    assertClose(dReal, d.realGradient(), "dL_D/dC(x_r)");
    LogitGradients.Result g = LogitGradients.generator(loss, FAKE, REAL, ones, zeros);
    assertClose(gValue, g.value(), "G loss");
    assertClose(gFake, g.fakeGradient(), "dL_G/dC(x_f)");
  }

  @Test
  void bothLossesAreLn2WhenDCannotTellRealFromFake() {
    float[] same = LogitGradients.constant(8, 1.3f);
    float[] ones = LogitGradients.constant(8, 1f);
    float[] zeros = LogitGradients.constant(8, 0f);
    assertClose(Math.log(2), LogitGradients.discriminator(loss, same, same, ones, zeros).value(), "D loss");
    assertClose(Math.log(2), LogitGradients.generator(loss, same, same, ones, zeros).value(), "G loss");
  }

  @Test
  void gAsksForTheRealLogitsAndCannotBeComputedWithoutThem() {
    assertTrue(loss.generatorUsesRealLogits());
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      DjlLossSpec.Targets t = new DjlLossSpec.Targets(m.ones(new Shape(2, 1)), m.zeros(new Shape(2, 1)));
      assertThrows(IllegalStateException.class, () -> loss.generator(m.zeros(new Shape(2, 1)), t));
    }
  }

  @Test
  void scoresAreTheMeanRelativisticProbabilitiesOfThePairs() {
    int n = REAL.length;
    double real = 0;
    double fake = 0;
    for (int i = 0; i < n; i++) {
      real += sigmoid((double) REAL[i] - FAKE[i]) / n;
      fake += sigmoid((double) FAKE[i] - REAL[i]) / n;
    }
    double[] got = LogitGradients.scores(loss, REAL, FAKE);
    assertClose(real, got[0], "D(x)");
    assertClose(fake, got[1], "D(G(z))");
  }
}
