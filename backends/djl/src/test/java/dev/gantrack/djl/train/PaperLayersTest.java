package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.optim.TwoTimeScale;
import dev.gantrack.djl.spi.NetworkContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pieces of PacGAN's setup: maxout layers against a max computed by hand, N(0, std²) weights
 * measured on a big layer, bias-free hidden layers, and the options' checks.
 */
class PaperLayersTest {

  static List<Pair<String, Parameter>> parameters(Block b) {
    return b.getParameters().stream().toList();
  }

  @Test
  void maxoutDiscriminatorOutputsTheLinearLayerOfTheLargestOfEachUnitsConsecutivePieces() {
    int units = 3;
    int pieces = 4;
    MlpDiscriminator spec = new MlpDiscriminator(units, 1, "none", "maxout", null, null, null, null, null, pieces, null);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Block d = PackedDiscriminatorTest.build(spec, new int[] {2}, m, 5, 7);
      List<float[]> p = PackedDiscriminatorTest.parameters(d);
      float[] w1 = p.get(0); // (units·pieces, 2), row-major
      float[] b1 = p.get(1);
      float[] w2 = p.get(2); // (1, units)
      float[] b2 = p.get(3);
      assertEquals(units * pieces * 2, w1.length, "the first linear layer has units·pieces outputs");
      assertEquals(units, w2.length, "the last layer sees one value per unit");
      float[] x = PackedDiscriminatorTest.gaussian(10, 3);
      float[] out = PackedDiscriminatorTest.forward(d, m, x, new Shape(5, 2));
      for (int n = 0; n < 5; n++) {
        double logit = b2[0];
        for (int u = 0; u < units; u++) {
          double best = Double.NEGATIVE_INFINITY;
          for (int k = 0; k < pieces; k++) {
            int row = u * pieces + k;
            best = Math.max(best, w1[2 * row] * x[2 * n] + w1[2 * row + 1] * x[2 * n + 1] + b1[row]);
          }
          logit += w2[u] * best;
        }
        assertEquals(logit, out[n], 1e-5, "sample " + n);
      }
    }
  }

  static double[] meanAndStd(float[] v) {
    double sum = 0;
    double squares = 0;
    for (float f : v) {
      sum += f;
      squares += (double) f * f;
    }
    double mean = sum / v.length;
    return new double[] {mean, Math.sqrt(squares / v.length - mean * mean)};
  }

  static Block generator(MlpGenerator spec, NDManager m) {
    Block g = spec.build(new NetworkContext(NetworkContext.Role.GENERATOR, new int[] {2}, 0, spec.latentDim(),
        new DefaultLayerFactory()));
    Engine.getEngine("PyTorch").setRandomSeed(5);
    g.initialize(m, DataType.FLOAT32, new Shape(4, spec.latentDim()));
    return g;
  }

  @Test
  void initStdDrawsEveryWeightFromNormalWithThatStdBiasesAtZeroAndNormScalesAtOne() {
    int latent = 500;
    int hidden = 1000;
    MlpGenerator spec = new MlpGenerator(latent, hidden, 1, "batch", "relu", null, "linear", null, null, null, 0.02);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      for (Pair<String, Parameter> p : parameters(generator(spec, m))) {
        float[] v = p.getValue().getArray().toFloatArray();
        double[] ms = meanAndStd(v);
        switch (p.getValue().getType()) {
          case WEIGHT -> {
            // 500,000 draws (the first layer): the sample std is within 0.3 % of 0.02 (its own error is ~0.1 %)
            double tolerance = v.length > 100_000 ? 0.003 : 0.25;
            assertEquals(0.02, ms[1], 0.02 * tolerance, p.getKey() + " std");
            assertEquals(0.0, ms[0], 4 * 0.02 / Math.sqrt(v.length), p.getKey() + " mean");
          }
          case BIAS -> assertEquals(0.0, ms[1] + Math.abs(ms[0]), 0.0, p.getKey() + " is all zeros");
          case GAMMA -> assertEquals(1.0, ms[0], 0.0, p.getKey());
          default -> { }
        }
      }
    }
  }

  @Test
  void withoutInitStdTheWeightsKeepDjlsHeInitialisation() {
    MlpGenerator spec = new MlpGenerator(500, 1000, 1, "batch", "relu", null, "linear", null);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      float[] first = parameters(generator(spec, m)).get(0).getValue().getArray().toFloatArray();
      assertEquals(Math.sqrt(2.0 / 500), meanAndStd(first)[1], 0.003 * Math.sqrt(2.0 / 500), "N(0, 2/fan-in)");
    }
  }

  @Test
  void hiddenBiasFalseLeavesBiasesOnlyOnTheOutputLayer() {
    MlpGenerator spec = new MlpGenerator(2, 16, 3, "batch", "relu", null, "linear", null, null, false, null);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      List<String> biases = parameters(generator(spec, m)).stream()
          .filter(p -> p.getValue().getType() == Parameter.Type.BIAS).map(Pair::getKey).toList();
      assertEquals(1, biases.size(), "only the output layer's bias: " + biases);
      long weights = parameters(generator(spec, m)).stream()
          .filter(p -> p.getValue().getType() == Parameter.Type.WEIGHT).count();
      assertEquals(4, weights);
    }
  }

  @Test
  void badPaperOptionsNameTheOptionAndWhatIsAllowed() {
    InvalidOptionException pieces = assertThrows(InvalidOptionException.class,
        () -> new MlpDiscriminator(8, 1, "none", "relu", null, null, null, null, null, 5, null));
    assertEquals("pieces", pieces.option());
    assertTrue(pieces.getMessage().contains("activation: maxout"), pieces.getMessage());
    assertEquals("pieces", assertThrows(InvalidOptionException.class,
        () -> new MlpDiscriminator(8, 1, "none", "maxout", null, null, null, null, null, 1, null)).option());
    assertEquals("init-std", assertThrows(InvalidOptionException.class,
        () -> new MlpGenerator(2, 8, 1, null, null, null, "linear", null, null, null, -0.1)).option());
    InvalidOptionException update = assertThrows(InvalidOptionException.class,
        () -> new SeparateOptimizers(null, null, 2, 1, "simultaneous"));
    assertEquals("update", update.option());
    assertTrue(update.getMessage().contains("d-steps 2"), update.getMessage());
    assertEquals("update", assertThrows(InvalidOptionException.class,
        () -> new TwoTimeScale(null, null, 1, 1, "together")).option());
    assertEquals("g-steps", assertThrows(InvalidOptionException.class,
        () -> new SeparateOptimizers(null, null, 1, 0, null)).option());
  }
}
