package dev.gantrack.djl.builtins.loss;

import static dev.gantrack.djl.builtins.loss.BceInDoubles.bce;
import static dev.gantrack.djl.builtins.loss.BceInDoubles.bceSlope;
import static dev.gantrack.djl.builtins.loss.BceInDoubles.sigmoid;
import static dev.gantrack.djl.builtins.loss.LogitGradients.FAKE;
import static dev.gantrack.djl.builtins.loss.LogitGradients.FAKE_TARGETS;
import static dev.gantrack.djl.builtins.loss.LogitGradients.REAL;
import static dev.gantrack.djl.builtins.loss.LogitGradients.REAL_TARGETS;
import static dev.gantrack.djl.builtins.loss.LogitGradients.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.djl.builtins.NoServices;
import dev.gantrack.djl.spi.DjlLossSpec;
import org.junit.jupiter.api.Test;

/**
 * {@code relativistic-average} (RaGAN) against its formulas worked out by hand in doubles: each
 * example against the other side's batch mean, with the gradient through that mean.
 */
class RelativisticAverageLossTest {
  private final DjlLossSpec.Loss loss = new RelativisticAverageLoss().create(NoServices.INSTANCE);
  private static final int N = REAL.length;

  private static double mean(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** A loss value and its gradients with respect to the x and y logits. */
  record Expected(double value, double[] dx, double[] dy) {}

  /**
   * ½[(1/n)·Σᵢ BCE(xᵢ − mean y, txᵢ) + (1/n)·Σⱼ BCE(yⱼ − mean x, tyⱼ)] and its gradient, by hand:
   * xₖ enters its own term directly and every y term through mean x (with −1/n), so d/dxₖ is
   * ½·(1/n)·[(σ(xₖ − mean y) − txₖ) − (1/n)·Σⱼ (σ(yⱼ − mean x) − tyⱼ)], and d/dyₖ likewise.
   */
  static Expected againstTheOtherMean(float[] x, float[] y, float[] tx, float[] ty) {
    double value = 0;
    double xSlopes = 0;
    double ySlopes = 0;
    for (int i = 0; i < N; i++) {
      value += 0.5 * (bce(x[i] - mean(y), tx[i]) + bce(y[i] - mean(x), ty[i])) / N;
      xSlopes += bceSlope(x[i] - mean(y), tx[i]);
      ySlopes += bceSlope(y[i] - mean(x), ty[i]);
    }
    double[] dx = new double[N];
    double[] dy = new double[N];
    for (int k = 0; k < N; k++) {
      dx[k] = 0.5 / N * (bceSlope(x[k] - mean(y), tx[k]) - ySlopes / N);
      dy[k] = 0.5 / N * (bceSlope(y[k] - mean(x), ty[k]) - xSlopes / N);
    }
    return new Expected(value, dx, dy);
  }

  @Test
  void discriminatorValueAndGradientIncludeThePathThroughTheOtherSidesMean() {
    Expected want = againstTheOtherMean(REAL, FAKE, REAL_TARGETS, FAKE_TARGETS);
    LogitGradients.Result got = LogitGradients.discriminator(loss, REAL, FAKE, REAL_TARGETS, FAKE_TARGETS);
    assertClose(want.value(), got.value(), "D loss");
    assertClose(want.dx(), got.realGradient(), "dL/dC(x_r)");
    assertClose(want.dy(), got.fakeGradient(), "dL/dC(x_f)");
  }

  @Test
  void generatorValueAndGradientAreDsWithTheRolesOfRealAndFakeSwapped() {
    // ½[BCE(C(x_f) − mean C(x_r), t_real) + BCE(C(x_r) − mean C(x_f), t_fake)] with G's targets
    Expected want = againstTheOtherMean(FAKE, REAL, REAL_TARGETS, FAKE_TARGETS);
    LogitGradients.Result got = LogitGradients.generator(loss, FAKE, REAL, REAL_TARGETS, FAKE_TARGETS);
    assertClose(want.value(), got.value(), "G loss");
    assertClose(want.dx(), got.fakeGradient(), "dL/dC(x_f)");
    assertClose(want.dy(), got.realGradient(), "dL/dC(x_r)");
  }

  /** C(x_r)ᵢ − mean C(x_f). */
  private static double realVsFakes(int i) {
    return REAL[i] - mean(FAKE);
  }

  /** C(x_f)ᵢ − mean C(x_r). */
  private static double fakeVsReals(int i) {
    return FAKE[i] - mean(REAL);
  }

  @Test
  void withPlainTargetsTheLossesAreThePapersForms() {
    double d = 0;
    double g = 0;
    for (int i = 0; i < N; i++) {
      // D: ½[BCE(C(x_r) − m_f, 1) + BCE(C(x_f) − m_r, 0)]; G: ½[BCE(C(x_r) − m_f, 0) + BCE(C(x_f) − m_r, 1)]
      d += 0.5 * (Math.log1p(Math.exp(-realVsFakes(i))) + Math.log1p(Math.exp(fakeVsReals(i)))) / N;
      g += 0.5 * (Math.log1p(Math.exp(realVsFakes(i))) + Math.log1p(Math.exp(-fakeVsReals(i)))) / N;
    }
    float[] ones = LogitGradients.constant(N, 1f);
    float[] zeros = LogitGradients.constant(N, 0f);
    assertClose(d, LogitGradients.discriminator(loss, REAL, FAKE, ones, zeros).value(), "D loss");
    assertClose(g, LogitGradients.generator(loss, FAKE, REAL, ones, zeros).value(), "G loss");
  }

  @Test
  void bothLossesAreLn2WhenDCannotTellRealFromFake() {
    float[] same = LogitGradients.constant(8, -0.7f);
    float[] ones = LogitGradients.constant(8, 1f);
    float[] zeros = LogitGradients.constant(8, 0f);
    assertClose(Math.log(2), LogitGradients.discriminator(loss, same, same, ones, zeros).value(), "D loss");
    assertClose(Math.log(2), LogitGradients.generator(loss, same, same, ones, zeros).value(), "G loss");
  }

  @Test
  void gAsksForTheRealLogits() {
    assertTrue(loss.generatorUsesRealLogits());
  }

  @Test
  void scoresAreTheMeanProbabilitiesOfBeatingTheOtherSidesAverage() {
    double real = 0;
    double fake = 0;
    for (int i = 0; i < N; i++) {
      real += sigmoid(realVsFakes(i)) / N;
      fake += sigmoid(fakeVsReals(i)) / N;
    }
    double[] got = LogitGradients.scores(loss, REAL, FAKE);
    assertClose(real, got[0], "D(x)");
    assertClose(fake, got[1], "D(G(z))");
  }
}
