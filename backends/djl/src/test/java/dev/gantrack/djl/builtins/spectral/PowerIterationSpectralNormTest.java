package dev.gantrack.djl.builtins.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import dev.gantrack.api.Role;
import dev.gantrack.djl.nn.ConvTranspose2d;
import dev.gantrack.djl.spi.NetworkContext;
import dev.gantrack.djl.spi.WeightTransform;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spectral norm by power iteration, checked against singular values computed here in plain doubles. */
class PowerIterationSpectralNormTest {

  /** The largest singular value of a rows × cols matrix: power iteration on AᵀA, many rounds, in doubles. */
  static double largestSingularValue(double[][] a) {
    int rows = a.length;
    int cols = a[0].length;
    double[] v = new double[cols];
    Random random = new Random(7);
    for (int j = 0; j < cols; j++) {
      v[j] = random.nextGaussian();
    }
    double sigma = 0;
    for (int it = 0; it < 20_000; it++) {
      double[] av = new double[rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          av[i] += a[i][j] * v[j];
        }
      }
      double[] atav = new double[cols];
      for (int j = 0; j < cols; j++) {
        for (int i = 0; i < rows; i++) {
          atav[j] += a[i][j] * av[i];
        }
      }
      double norm = 0;
      for (double x : atav) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < cols; j++) {
        v[j] = atav[j] / norm;
      }
      sigma = Math.sqrt(norm); // ||AᵀA v|| → σ² for the converged unit v
    }
    return sigma;
  }

  /** Row-major values of a weight as a matrix whose rows index {@code outputAxis}, built index by index. */
  static double[][] asMatrix(float[] values, long[] shape, int outputAxis) {
    int rows = (int) shape[outputAxis];
    int total = values.length;
    int cols = total / rows;
    double[][] m = new double[rows][cols];
    int[] filled = new int[rows];
    long[] index = new long[shape.length];
    for (int flat = 0; flat < total; flat++) {
      long rest = flat;
      for (int d = shape.length - 1; d >= 0; d--) {
        index[d] = rest % shape[d];
        rest /= shape[d];
      }
      int row = (int) index[outputAxis];
      // within a row, the remaining axes in their original order (that is PyTorch's reshape after moving the axis first)
      m[row][filled[row]++] = values[flat];
    }
    return m;
  }

  static Parameter weightOf(Block block, NDManager manager, Shape input) {
    block.initialize(manager, DataType.FLOAT32, input);
    return block.getParameters().get("weight");
  }

  static double normalisedSigma(String kind, Block block, Shape input, int outputAxis) {
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
      Engine.getEngine("PyTorch").setRandomSeed(3);
      Parameter weight = weightOf(block, manager, input);
      NDArray w = weight.getArray();
      long[] shape = w.getShape().getShape();
      double before = largestSingularValue(asMatrix(w.toFloatArray(), shape, outputAxis));
      assertTrue(Math.abs(before - 1) > 0.05, "σ(W) before normalising is not already 1: " + before);
      WeightTransform sn = new PowerIterationSpectralNorm(null, null, null, null).create(weight, kind);
      for (int step = 0; step < 300; step++) {
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          sn.apply(w, true);
        }
      }
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        float[] normalised = sn.apply(w, false).toFloatArray();
        return largestSingularValue(asMatrix(normalised, shape, outputAxis));
      }
    }
  }

  @Test
  void linearWeightHasLargestSingularValueOneAfterManyIterations() {
    double sigma = normalisedSigma("linear", Linear.builder().setUnits(24).build(), new Shape(2, 40), 0);
    assertEquals(1.0, sigma, 1e-3);
  }

  @Test
  void convWeightReshapedToOutByRestHasLargestSingularValueOne() {
    Block conv = Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3)).build();
    double sigma = normalisedSigma("conv", conv, new Shape(2, 5, 8, 8), 0);
    assertEquals(1.0, sigma, 1e-3);
  }

  @Test
  void convTransposeWeightUsesItsOutputAxisLikePyTorchDimOne() {
    Block convT = ConvTranspose2d.builder().setFilters(6).setKernel(4).optStride(2).optPadding(1).build();
    // weight (Cin=10, Cout=6, 4, 4): normalised as the (6, 10·4·4) matrix
    double sigma = normalisedSigma("conv-transpose", convT, new Shape(2, 10, 4, 4), 1);
    assertEquals(1.0, sigma, 1e-3);
  }

  @Test
  void uPersistsAsTheSameArrayAndChangesOnlyWhenTraining() {
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
      Parameter weight = weightOf(Linear.builder().setUnits(16).build(), manager, new Shape(2, 12));
      WeightTransform sn = new PowerIterationSpectralNorm(1, null, null, null).create(weight, "linear");
      NDArray u = ((SpectralNormTransform) sn).u();
      assertEquals(new Shape(16), u.getShape());
      assertEquals(new Shape(12), ((SpectralNormTransform) sn).v().getShape());
      float[] start = u.toFloatArray();
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        sn.apply(weight.getArray(), false);
      }
      assertSame(u, ((SpectralNormTransform) sn).u());
      assertTrue(Arrays.equals(start, u.toFloatArray()), "sampling (training=false) leaves u alone");
      // a different weight than the one u was warmed up on, so one iteration must move u
      // (through a detached view that shares storage: the engine's grad mode is global and may be on)
      weight.getArray().stopGradient().muli(-1).addi(manager.randomNormal(new Shape(16, 12)));
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        sn.apply(weight.getArray(), true);
      }
      assertSame(u, ((SpectralNormTransform) sn).u(), "the same array object after a training step");
      assertFalse(u.isReleased());
      assertFalse(Arrays.equals(start, u.toFloatArray()), "a training step moves u");
      double norm = 0;
      for (float x : u.toFloatArray()) {
        norm += x * x;
      }
      assertEquals(1.0, Math.sqrt(norm), 1e-5, "u stays a unit vector");
    }
  }

  @Test
  void gradientFlowsThroughWWithUAndVConstant() {
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
      Parameter weight = weightOf(Linear.builder().setUnits(5).build(), manager, new Shape(2, 7));
      WeightTransform sn = new PowerIterationSpectralNorm(null, null, null, null).create(weight, "linear");
      NDArray w = weight.getArray();
      float[] c = new float[35];
      Random random = new Random(1);
      for (int i = 0; i < c.length; i++) {
        c[i] = (float) random.nextGaussian();
      }
      NDArray cArr = manager.create(c, new Shape(5, 7));
      float[] grad;
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray f = sn.apply(w, false).mul(cArr).sum();
        collector.backward(f);
        grad = w.getGradient().toFloatArray();
      }
      // hand formula with u, v constants: f = Σ C⊙W / σ, σ = uᵀWv  ⇒  ∂f/∂W = C/σ − (Σ C⊙W / σ²) u vᵀ
      float[] u = ((SpectralNormTransform) sn).u().toFloatArray();
      float[] v = ((SpectralNormTransform) sn).v().toFloatArray();
      float[] wv = w.toFloatArray();
      double sigma = 0;
      double cw = 0;
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 7; j++) {
          sigma += u[i] * (double) wv[i * 7 + j] * v[j];
          cw += c[i * 7 + j] * (double) wv[i * 7 + j];
        }
      }
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 7; j++) {
          double expected = c[i * 7 + j] / sigma - cw / (sigma * sigma) * u[i] * v[j];
          assertEquals(expected, grad[i * 7 + j], 1e-4 * (1 + Math.abs(expected)), "∂f/∂W[" + i + "," + j + "]");
        }
      }
    }
  }

  @Test
  void optionsHaveDefaultsAndRejectUnknownLayerKinds() {
    PowerIterationSpectralNorm sn = new PowerIterationSpectralNorm(null, null, null, null);
    assertEquals(1, sn.iterations());
    assertEquals(List.of("linear", "conv", "conv-transpose"), sn.layers());
    assertEquals(1e-12, sn.epsilon());
    assertTrue(sn.appliesTo(NetworkContext.Role.DISCRIMINATOR, "conv"));
    assertFalse(sn.appliesTo(NetworkContext.Role.GENERATOR, "conv"));
    PowerIterationSpectralNorm onG = new PowerIterationSpectralNorm(2, List.of("linear"), true, null);
    assertTrue(onG.appliesTo(NetworkContext.Role.GENERATOR, "linear"));
    assertFalse(onG.appliesTo(NetworkContext.Role.DISCRIMINATOR, "conv"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PowerIterationSpectralNorm(null, List.of("dense"), null, null));
    assertTrue(e.getMessage().startsWith("layers: 'dense' is not allowed"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new PowerIterationSpectralNorm(0, null, null, null));
  }
}
