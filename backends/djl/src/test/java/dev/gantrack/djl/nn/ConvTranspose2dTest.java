package dev.gantrack.djl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConvTranspose2dTest {
  private static final double TOL = 1e-4;
  private static final int N = 2;
  private static final int CIN = 3;
  private static final int COUT = 2;
  private static final java.util.Map<String, Double> MAX_ERR = new java.util.TreeMap<>();

  @AfterAll
  static void printMaxErrors() {
    System.out.println("ConvTranspose2d max abs errors vs naive reference: " + MAX_ERR);
  }

  /** Strides 1-3 × paddings 0-2 × kernels 3, 4 × bias on/off, plus output-padding and p > k-1. */
  static Stream<Arguments> configs() {
    List<Arguments> out = new ArrayList<>();
    for (int s = 1; s <= 3; s++) {
      for (int p = 0; p <= 2; p++) {
        for (int k = 3; k <= 4; k++) {
          for (boolean bias : new boolean[] {true, false}) {
            out.add(Arguments.of(s, p, k, k, 0, bias));
          }
        }
      }
    }
    out.add(Arguments.of(2, 1, 4, 4, 1, true)); // output padding
    out.add(Arguments.of(3, 0, 3, 3, 2, false)); // output padding beyond the full result
    out.add(Arguments.of(2, 3, 3, 3, 0, true)); // p > k-1: pure crop
    out.add(Arguments.of(2, 4, 4, 4, 1, true)); // p > k-1 with output padding
    out.add(Arguments.of(3, 1, 2, 2, 0, true)); // s > k: some phases see no kernel taps
    out.add(Arguments.of(2, 1, 3, 4, 0, true)); // non-square kernel
    out.add(Arguments.of(2, 2, 5, 5, 1, true)); // DCGAN-tensorflow's 5x5 layers: 2 -> 4, 7 -> 14
    out.add(Arguments.of(2, 2, 5, 5, 0, false)); // and 4 -> 7
    return out.stream();
  }

  @ParameterizedTest(name = "s={0} p={1} k={2}x{3} op={4} bias={5}")
  @MethodSource("configs")
  void forwardAndGradientsMatchNaiveScatterReference(
      int s, int p, int kh, int kw, int op, boolean withBias) {
    Random rnd = new Random(1234L + 97L * s + 13L * p + kh + 7L * kw + 3L * op);
    int h = 5;
    int w = 4;
    int oh = (h - 1) * s - 2 * p + kh + op;
    int ow = (w - 1) * s - 2 * p + kw + op;
    float[] x = random(rnd, N * CIN * h * w);
    float[] wt = random(rnd, CIN * COUT * kh * kw);
    float[] b = random(rnd, COUT);
    float[] r = random(rnd, N * COUT * oh * ow);
    Naive ref = new Naive(N, CIN, COUT, h, w, kh, kw, s, p, oh, ow);
    float[] expected = ref.forward(x, wt, withBias ? b : null);

    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray xa = m.create(x, new Shape(N, CIN, h, w));
      NDArray wa = m.create(wt, new Shape(CIN, COUT, kh, kw));
      NDArray ba = withBias ? m.create(b, new Shape(COUT)) : null;
      NDArray ra = m.create(r, new Shape(N, COUT, oh, ow));
      xa.setRequiresGradient(true);
      wa.setRequiresGradient(true);
      if (ba != null) {
        ba.setRequiresGradient(true);
      }
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = PolyphaseConvTranspose.apply(xa, wa, ba, s, p, op);
        assertEquals(new Shape(N, COUT, oh, ow), y.getShape());
        assertClose("forward", expected, y.toFloatArray());
        gc.backward(y.mul(ra).sum());
      }
      assertClose("dL/dx", ref.gradX(r, wt), xa.getGradient().toFloatArray());
      assertClose("dL/dweight", ref.gradW(r, x), wa.getGradient().toFloatArray());
      if (ba != null) {
        assertClose("dL/dbias", ref.gradB(r), ba.getGradient().toFloatArray());
      }
    }
  }

  @Test
  void blockOutputShapeMatchesGetOutputShapesAndParametersUsePytorchLayout() {
    ConvTranspose2d block =
        ConvTranspose2d.builder().setFilters(4).setKernel(4).optStride(2).optPadding(1).build();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Shape in = new Shape(2, 3, 7, 5);
      block.initialize(m, DataType.FLOAT32, in);
      assertEquals(new Shape(3, 4, 4, 4), block.getParameters().get("weight").getArray().getShape());
      assertEquals(new Shape(4), block.getParameters().get("bias").getArray().getShape());
      Shape expected = block.getOutputShapes(new Shape[] {in})[0];
      assertEquals(new Shape(2, 4, 14, 10), expected);
      NDArray y =
          block
              .forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)), false)
              .singletonOrThrow();
      assertEquals(expected, y.getShape());
    }
  }

  @Test
  void blockWithoutBiasHasOnlyWeightParameter() {
    ConvTranspose2d block = ConvTranspose2d.builder().setFilters(2).setKernel(3).optBias(false).build();
    assertEquals(List.of("weight"), block.getParameters().keys());
  }

  @Test
  void worksInsideSequentialBlockAndMatchesFunctionalForm() {
    SequentialBlock net =
        new SequentialBlock()
            .add(ConvTranspose2d.builder().setFilters(4).setKernel(4).optStride(2).optPadding(1).build())
            .add(Activation.reluBlock())
            .add(ConvTranspose2d.builder().setFilters(2).setKernel(3).optStride(1).optPadding(1).build());
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Shape in = new Shape(2, 3, 4, 4);
      net.initialize(m, DataType.FLOAT32, in);
      NDArray x = m.randomNormal(in);
      NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
      assertEquals(net.getOutputShapes(new Shape[] {in})[0], y.getShape());
      assertEquals(new Shape(2, 2, 8, 8), y.getShape());

      var p = net.getParameters();
      NDArray h =
          PolyphaseConvTranspose.apply(
                  x,
                  p.get("01ConvTranspose2d_weight").getArray(),
                  p.get("01ConvTranspose2d_bias").getArray(),
                  2,
                  1,
                  0)
              .maximum(0f);
      NDArray expected =
          PolyphaseConvTranspose.apply(
              h,
              p.get("03ConvTranspose2d_weight").getArray(),
              p.get("03ConvTranspose2d_bias").getArray(),
              1,
              1,
              0);
      assertClose("sequential", expected.toFloatArray(), y.toFloatArray());
    }
  }

  @Test
  void parametersSurviveSaveAndLoad() throws Exception {
    Shape in = new Shape(1, 2, 3, 3);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      ConvTranspose2d a = ConvTranspose2d.builder().setFilters(3).setKernel(4).optStride(2).build();
      a.initialize(m, DataType.FLOAT32, in);
      a.getParameters().get("bias").getArray().addi(0.5f); // non-default bias
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      a.saveParameters(new DataOutputStream(bytes));

      ConvTranspose2d b = ConvTranspose2d.builder().setFilters(3).setKernel(4).optStride(2).build();
      b.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      NDArray x = m.randomNormal(in);
      ParameterStore ps = new ParameterStore(m, false);
      assertClose(
          "reloaded",
          a.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray(),
          b.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray());
    }
  }

  @Test
  void builderRejectsMissingOrInvalidSettings() {
    assertThrows(IllegalArgumentException.class, () -> ConvTranspose2d.builder().setKernel(3).build());
    assertThrows(IllegalArgumentException.class, () -> ConvTranspose2d.builder().setFilters(3).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> ConvTranspose2d.builder().setFilters(3).setKernel(3).optStride(2).optOutputPadding(2).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> ConvTranspose2d.builder().setFilters(3).setKernel(3).optPadding(-1).build());
  }

  // ---- helpers ----

  private static float[] random(Random rnd, int size) {
    float[] a = new float[size];
    for (int i = 0; i < size; i++) {
      a[i] = (float) rnd.nextGaussian();
    }
    return a;
  }

  private static void assertClose(String what, float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, what + " length");
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i] - actual[i]));
    }
    MAX_ERR.merge(what, max, Math::max);
    assertTrue(max <= TOL, what + ": max abs error " + max + " > " + TOL);
    assertArrayEquals(expected, actual, (float) TOL, what);
  }

  /** PyTorch ConvTranspose2d in plain loops (scatter form) and its adjoints. */
  private record Naive(
      int n, int cin, int cout, int h, int w, int kh, int kw, int s, int p, int oh, int ow) {
    int xi(int b, int c, int i, int j) {
      return ((b * cin + c) * h + i) * w + j;
    }

    int wi(int c, int o, int i, int j) {
      return ((c * cout + o) * kh + i) * kw + j;
    }

    int yi(int b, int o, int i, int j) {
      return ((b * cout + o) * oh + i) * ow + j;
    }

    float[] forward(float[] x, float[] wt, float[] bias) {
      float[] y = new float[n * cout * oh * ow];
      for (int b = 0; b < n; b++) {
        for (int o = 0; o < cout; o++) {
          for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
              y[yi(b, o, i, j)] = bias == null ? 0f : bias[o];
            }
          }
        }
      }
      each((b, c, i, j, o, ki, kj, yy, yx) -> y[yi(b, o, yy, yx)] += x[xi(b, c, i, j)] * wt[wi(c, o, ki, kj)]);
      return y;
    }

    float[] gradX(float[] r, float[] wt) {
      float[] g = new float[n * cin * h * w];
      each((b, c, i, j, o, ki, kj, yy, yx) -> g[xi(b, c, i, j)] += r[yi(b, o, yy, yx)] * wt[wi(c, o, ki, kj)]);
      return g;
    }

    float[] gradW(float[] r, float[] x) {
      float[] g = new float[cin * cout * kh * kw];
      each((b, c, i, j, o, ki, kj, yy, yx) -> g[wi(c, o, ki, kj)] += r[yi(b, o, yy, yx)] * x[xi(b, c, i, j)]);
      return g;
    }

    float[] gradB(float[] r) {
      float[] g = new float[cout];
      for (int b = 0; b < n; b++) {
        for (int o = 0; o < cout; o++) {
          for (int i = 0; i < oh * ow; i++) {
            g[o] += r[(b * cout + o) * oh * ow + i];
          }
        }
      }
      return g;
    }

    /** Visits every (input pixel, kernel tap) pair whose target lands inside the output. */
    void each(Visitor v) {
      for (int b = 0; b < n; b++) {
        for (int c = 0; c < cin; c++) {
          for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
              for (int o = 0; o < cout; o++) {
                for (int ki = 0; ki < kh; ki++) {
                  int yy = i * s - p + ki;
                  if (yy < 0 || yy >= oh) {
                    continue;
                  }
                  for (int kj = 0; kj < kw; kj++) {
                    int yx = j * s - p + kj;
                    if (yx >= 0 && yx < ow) {
                      v.visit(b, c, i, j, o, ki, kj, yy, yx);
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  private interface Visitor {
    void visit(int b, int c, int i, int j, int o, int ki, int kj, int yy, int yx);
  }
}
