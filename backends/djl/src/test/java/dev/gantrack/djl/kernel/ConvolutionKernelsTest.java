package dev.gantrack.djl.kernel;

import static dev.gantrack.djl.kernel.KernelAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run's 2-D convolution ({@link PtTensorKernels#conv2d}: libtorch's im2col kernel for few input
 * channels, oneDNN's through DJL otherwise) against plain loops: the output of {@code conv2d(x, w, b)}
 * and, for L = sum(y·r) with a random r, the closed-form gradients dL/db = Σ r, dL/dw = Σ r·x (each
 * tap over the padded input) and dL/dx = the taps scattered back.
 */
class ConvolutionKernelsTest {
  /** Input channels on either side of the im2col limit × strides 1, 2 × paddings 0, 1 × kernels 3, 4 × bias. */
  static Stream<Arguments> settings() {
    List<Arguments> out = new ArrayList<>();
    long limit = PtTensorKernels.IM2COL_MAX_IMAGE_CHANNELS;
    for (long c : new long[] {1, limit, limit + 2}) {
      for (int s = 1; s <= 2; s++) {
        for (int p = 0; p <= 1; p++) {
          for (int k = 3; k <= 4; k++) {
            out.add(Arguments.of(c, s, p, k, (s + p + k) % 2 == 0));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "in-channels={0} s={1} p={2} k={3} bias={4}")
  @MethodSource("settings")
  void convolutionMatchesLoopsInOutputAndAllGradients(long cin, int s, int p, int k, boolean withBias) {
    Random random = new Random(17L * cin + 5L * s + 3L * p + k);
    int n = 2;
    int cout = 4;
    int h = 7;
    int w = 6;
    try (NDManager m = NDManager.newBaseManager("PyTorch"); PtTensorKernels kernels = new PtTensorKernels(m)) {
      float[] xv = gaussian(random, n * cin * h * w);
      float[] wv = gaussian(random, cout * cin * k * k);
      float[] bv = gaussian(random, cout);
      NDArray x = m.create(xv, new Shape(n, cin, h, w));
      NDArray weight = m.create(wv, new Shape(cout, cin, k, k));
      NDArray b = withBias ? m.create(bv, new Shape(cout)) : null;
      x.setRequiresGradient(true);
      weight.setRequiresGradient(true);
      if (b != null) {
        b.setRequiresGradient(true);
      }
      int oh = (h + 2 * p - k) / s + 1;
      int ow = (w + 2 * p - k) / s + 1;
      float[] rv = gaussian(random, n * cout * oh * ow);
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray y = kernels.conv2d(x, weight, b, s, p);
        assertEquals(new Shape(n, cout, oh, ow), y.getShape());
        gc.backward(y.mul(m.create(rv, y.getShape())).sum());
        Loops loops = new Loops(n, (int) cin, cout, h, w, k, s, p, oh, ow);
        assertClose("forward", loops.forward(xv, wv, withBias ? bv : null), y.toFloatArray());
        assertClose("dL/dx", loops.inputGradient(rv, wv), x.getGradient().toFloatArray());
        assertClose("dL/dweight", loops.weightGradient(rv, xv), weight.getGradient().toFloatArray());
        if (withBias) {
          assertClose("dL/dbias", loops.biasGradient(rv), b.getGradient().toFloatArray());
        }
      }
    }
  }

  /** Direct convolution and its gradients, in double precision. */
  private record Loops(int n, int cin, int cout, int h, int w, int k, int s, int p, int oh, int ow) {
    /** x's index of output (i, j)'s tap (a, c), or -1 in the padding. */
    private int tap(int b, int ci, int i, int j, int a, int c) {
      int r = i * s - p + a;
      int q = j * s - p + c;
      return r < 0 || r >= h || q < 0 || q >= w ? -1 : ((b * cin + ci) * h + r) * w + q;
    }

    float[] forward(float[] x, float[] wt, float[] bias) {
      float[] y = new float[n * cout * oh * ow];
      each((b, o, i, j, ci, a, c, xi, yi, wi) -> y[yi] += x[xi] * wt[wi]);
      if (bias != null) {
        for (int yi = 0; yi < y.length; yi++) {
          y[yi] += bias[(yi / (oh * ow)) % cout];
        }
      }
      return y;
    }

    float[] inputGradient(float[] r, float[] wt) {
      double[] dx = new double[n * cin * h * w];
      each((b, o, i, j, ci, a, c, xi, yi, wi) -> dx[xi] += (double) r[yi] * wt[wi]);
      return floats(dx);
    }

    float[] weightGradient(float[] r, float[] x) {
      double[] dw = new double[cout * cin * k * k];
      each((b, o, i, j, ci, a, c, xi, yi, wi) -> dw[wi] += (double) r[yi] * x[xi]);
      return floats(dw);
    }

    float[] biasGradient(float[] r) {
      double[] db = new double[cout];
      for (int yi = 0; yi < r.length; yi++) {
        db[(yi / (oh * ow)) % cout] += r[yi];
      }
      return floats(db);
    }

    private void each(Tap f) {
      for (int b = 0; b < n; b++) {
        for (int o = 0; o < cout; o++) {
          for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
              int yi = ((b * cout + o) * oh + i) * ow + j;
              for (int ci = 0; ci < cin; ci++) {
                for (int a = 0; a < k; a++) {
                  for (int c = 0; c < k; c++) {
                    int xi = tap(b, ci, i, j, a, c);
                    if (xi >= 0) {
                      f.at(b, o, i, j, ci, a, c, xi, yi, ((o * cin + ci) * k + a) * k + c);
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

  @FunctionalInterface
  private interface Tap {
    void at(int b, int o, int i, int j, int ci, int a, int c, int xi, int yi, int wi);
  }

  private static float[] floats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  private static float[] gaussian(Random random, long size) {
    float[] v = new float[(int) size];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
