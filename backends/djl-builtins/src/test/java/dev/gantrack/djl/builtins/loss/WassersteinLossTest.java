package dev.gantrack.djl.builtins.loss;

import static dev.gantrack.djl.builtins.loss.LogitGradients.FAKE;
import static dev.gantrack.djl.builtins.loss.LogitGradients.FAKE_TARGETS;
import static dev.gantrack.djl.builtins.loss.LogitGradients.REAL;
import static dev.gantrack.djl.builtins.loss.LogitGradients.REAL_TARGETS;
import static dev.gantrack.djl.builtins.loss.LogitGradients.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.djl.builtins.NoServices;
import dev.gantrack.djl.spi.DjlLossSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code wgan} and {@code wgan-gp}: the critic and G losses against hand formulas; weight clipping. */
class WassersteinLossTest {

  static void assertCriticLossAndGradient(DjlLossSpec.Loss loss) {
    int n = REAL.length;
    double value = 0;
    for (int i = 0; i < n; i++) {
      value += (FAKE[i] - (double) REAL[i]) / n; // mean D(G(z)) − mean D(x)
    }
    LogitGradients.Result got = LogitGradients.discriminator(loss, REAL, FAKE, REAL_TARGETS, FAKE_TARGETS);
    assertClose(value, got.value(), "critic loss");
    assertClose(LogitGradients.constantDoubles(n, -1.0 / n), got.realGradient(), "dL/dD(x)");
    assertClose(LogitGradients.constantDoubles(n, 1.0 / n), got.fakeGradient(), "dL/dD(G(z))");
  }

  static void assertGeneratorLossAndGradient(DjlLossSpec.Loss loss) {
    int n = FAKE.length;
    double mean = 0;
    for (float f : FAKE) {
      mean += f / (double) n;
    }
    LogitGradients.Result got = LogitGradients.generator(loss, FAKE, REAL_TARGETS);
    assertClose(-mean, got.value(), "G loss");
    assertClose(LogitGradients.constantDoubles(n, -1.0 / n), got.fakeGradient(), "dL/dD(G(z))");
  }

  @Test
  void wganCriticLossIsMeanFakeMinusMeanRealNotHalved() {
    assertCriticLossAndGradient(new WassersteinLoss(null).create(NoServices.INSTANCE));
  }

  @Test
  void wganGeneratorLossIsMinusTheMeanCriticValueOnFakes() {
    assertGeneratorLossAndGradient(new WassersteinLoss(null).create(NoServices.INSTANCE));
  }

  @Test
  void wganGpHasTheSameCriticAndGeneratorLossesPlusTheGradientPenalty() {
    DjlLossSpec.Loss loss = new WganGpLoss(null).create(NoServices.INSTANCE);
    assertCriticLossAndGradient(loss);
    assertGeneratorLossAndGradient(loss);
    assertNotNull(loss.penalty());
    assertEquals("penalty_gp", loss.penalty().metricName());
    assertNull(new WassersteinLoss(null).create(NoServices.INSTANCE).penalty());
  }

  @Test
  void scoreIsTheRawCriticValue() {
    for (DjlLossSpec.Loss loss : List.of(new WassersteinLoss(null).create(NoServices.INSTANCE), new WganGpLoss(null).create(NoServices.INSTANCE))) {
      double[] got = LogitGradients.score(loss, REAL);
      for (int i = 0; i < REAL.length; i++) {
        assertClose(REAL[i], got[i], "score");
      }
    }
  }

  @Test
  void defaultsAndRangesOfTheOptions() {
    assertEquals(0.01, new WassersteinLoss(null).clip());
    assertEquals(10.0, new WganGpLoss(null).lambda());
    assertThrows(IllegalArgumentException.class, () -> new WassersteinLoss(-0.1));
    assertThrows(IllegalArgumentException.class, () -> new WganGpLoss(-1.0));
  }

  @Test
  void clippingKeepsEveryWeightWithinTheBoundInPlace() {
    float c = 0.05f;
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      float[] values = {-3f, -0.05f, -0.049f, 0f, 0.01f, 0.0501f, 7f, Float.MAX_VALUE};
      NDArray w1 = m.create(values, new Shape(2, 4));
      NDArray w2 = m.randomNormal(0f, 1f, new Shape(16), ai.djl.ndarray.types.DataType.FLOAT32);
      float[] before2 = w2.toFloatArray();
      List<NDArray> weights = List.of(w1, w2);
      new WassersteinLoss((double) c).create(NoServices.INSTANCE).afterDiscriminatorUpdate(weights);
      assertSame(w1, weights.get(0));
      float[] after1 = w1.toFloatArray();
      for (int i = 0; i < values.length; i++) {
        assertEquals(Math.max(-c, Math.min(c, values[i])), after1[i], 0f, "w1[" + i + "]");
      }
      float[] after2 = w2.toFloatArray();
      for (int i = 0; i < after2.length; i++) {
        assertTrue(after2[i] >= -c && after2[i] <= c, "w2[" + i + "] = " + after2[i]);
        assertEquals(Math.max(-c, Math.min(c, before2[i])), after2[i], 0f, "w2[" + i + "]");
      }
    }
  }

  @Test
  void clipZeroAndWganGpLeaveWeightsAlone() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      float[] values = {-3f, 0.5f, 7f};
      NDArray w = m.create(values);
      new WassersteinLoss(0.0).create(NoServices.INSTANCE).afterDiscriminatorUpdate(List.of(w));
      new WganGpLoss(null).create(NoServices.INSTANCE).afterDiscriminatorUpdate(List.of(w));
      assertEquals(java.util.Arrays.toString(values), java.util.Arrays.toString(w.toFloatArray()));
    }
  }
}
