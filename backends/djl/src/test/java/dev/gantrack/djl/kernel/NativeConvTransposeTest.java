package dev.gantrack.djl.kernel;

import static dev.gantrack.djl.kernel.KernelAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.gantrack.djl.nn.ConvTranspose2d;
import dev.gantrack.djl.nn.PolyphaseConvTranspose;
import dev.gantrack.djl.nn.TransposedConvolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libtorch's own transposed convolution, run through its TorchScript module, against the polyphase
 * decomposition (the oracle, itself checked against plain loops in ConvTranspose2dTest): the output
 * and the gradients with respect to the input, the weight and the bias; with few output channels
 * (libtorch's im2col kernel) and more (oneDNN's).
 */
class NativeConvTransposeTest {
  /**
   * Strides 1 and 2 (and 3) × paddings 0-2 × kernels 3, 4 × bias on/off, output padding, a non-square
   * kernel; each with output channels on either side of the im2col limit.
   */
  static Stream<Arguments> settings() {
    List<Arguments> out = new ArrayList<>();
    for (long c : new long[] {PtTensorKernels.IM2COL_MAX_IMAGE_CHANNELS, PtTensorKernels.IM2COL_MAX_IMAGE_CHANNELS + 2}) {
      for (int s = 1; s <= 2; s++) {
        for (int p = 0; p <= 2; p++) {
          for (int k = 3; k <= 4; k++) {
            for (boolean bias : new boolean[] {true, false}) {
              out.add(Arguments.of(s, p, k, k, 0, bias, c));
            }
          }
        }
      }
      out.add(Arguments.of(2, 1, 4, 4, 1, true, c)); // output padding
      out.add(Arguments.of(2, 0, 3, 3, 1, false, c)); // output padding without cropping
      out.add(Arguments.of(3, 1, 4, 4, 2, true, c)); // stride 3, output padding 2
      out.add(Arguments.of(2, 1, 3, 4, 0, true, c)); // non-square kernel
      out.add(Arguments.of(2, 2, 5, 5, 1, true, c)); // DCGAN-tensorflow's 5x5 layers
    }
    return out.stream();
  }

  @ParameterizedTest(name = "s={0} p={1} k={2}x{3} op={4} bias={5} out-channels={6}")
  @MethodSource("settings")
  void nativeKernelMatchesPolyphaseInOutputAndAllGradients(int s, int p, int kh, int kw, int op, boolean withBias,
      long outChannels) {
    Random random = new Random(31L * s + 7L * p + kh + 3L * kw + op + 101L * outChannels);
    try (NDManager m = NDManager.newBaseManager("PyTorch"); PtTensorKernels kernels = new PtTensorKernels(m)) {
      NDArray x = gaussian(m, random, new Shape(2, 3, 5, 4));
      NDArray w = gaussian(m, random, new Shape(3, outChannels, kh, kw));
      NDArray b = withBias ? gaussian(m, random, new Shape(outChannels)) : null;
      long seed = random.nextLong();
      Result expected = run(PolyphaseConvTranspose::apply, x, w, b, s, p, op, seed);
      Result actual = run(kernels::convTranspose2d, x, w, b, s, p, op, seed);
      assertEquals(expected.shape, actual.shape, "output shape");
      assertClose("forward", expected.y, actual.y);
      assertClose("dL/dx", expected.dx, actual.dx);
      assertClose("dL/dweight", expected.dw, actual.dw);
      if (withBias) {
        assertClose("dL/dbias", expected.db, actual.db);
      }
    }
  }

  private static final float NETWORK_GRADIENT_TOLERANCE = 1e-4f;

  @Test
  void generatorLikeBlocksTrainTheSameWithEitherComputation() {
    // two ConvTranspose2d blocks with BN-free ReLU between, as in the DCGAN generator, in training mode
    Engine.getEngine("PyTorch").setRandomSeed(7);   // the same initial weights every run
    try (NDManager m = NDManager.newBaseManager("PyTorch"); PtTensorKernels kernels = new PtTensorKernels(m)) {
      Shape in = new Shape(4, 8, 7, 7);
      SequentialBlock polyphase = network(TransposedConvolution.POLYPHASE);
      SequentialBlock scripted = network(kernels::convTranspose2d);
      polyphase.initialize(m, DataType.FLOAT32, in);
      scripted.initialize(m, DataType.FLOAT32, in);
      List<Parameter> a = new ArrayList<>(polyphase.getParameters().values());
      List<Parameter> c = new ArrayList<>(scripted.getParameters().values());
      for (int i = 0; i < a.size(); i++) {
        c.get(i).getArray().set(a.get(i).getArray().toFloatArray());
      }
      NDArray x = gaussian(m, new Random(5), in);
      float[] yA = trainStep(polyphase, x, m);
      float[] yC = trainStep(scripted, x, m);
      assertClose("network output", yA, yC);
      // a weight's gradient here sums the products of two layers over the whole batch (thousands of
      // terms in an order each computation chooses): float rounding of 1e-4 of the largest value
      for (int i = 0; i < a.size(); i++) {
        assertClose("gradient of " + a.get(i).getName(), a.get(i).getArray().getGradient().toFloatArray(),
            c.get(i).getArray().getGradient().toFloatArray(), NETWORK_GRADIENT_TOLERANCE);
      }
      assertEquals(new Shape(4, 1, 28, 28), scripted.getOutputShapes(new Shape[] {in})[0]);
    }
  }

  private static SequentialBlock network(TransposedConvolution computation) {
    return new SequentialBlock()
        .add(ConvTranspose2d.builder().setFilters(4).setKernel(4).optStride(2).optPadding(1).optBias(false)
            .optComputation(computation).build())
        .add(Activation.reluBlock())
        .add(ConvTranspose2d.builder().setFilters(1).setKernel(4).optStride(2).optPadding(1)
            .optComputation(computation).build());
  }

  private static float[] trainStep(SequentialBlock net, NDArray x, NDManager m) {
    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
      assertEquals(new Shape(4, 1, 28, 28), y.getShape());
      gc.backward(y.tanh().sum());
      return y.toFloatArray();
    }
  }

  private record Result(Shape shape, float[] y, float[] dx, float[] dw, float[] db) {}

  /** Forward of {@code f}, then the backward pass of sum(y·r) for a random r: r is the gradient reaching y. */
  private static Result run(TransposedConvolution f, NDArray x0, NDArray w0, NDArray b0, int s, int p, int op,
      long seed) {
    NDArray x = x0.duplicate();
    NDArray w = w0.duplicate();
    NDArray b = b0 == null ? null : b0.duplicate();
    x.setRequiresGradient(true);
    w.setRequiresGradient(true);
    if (b != null) {
      b.setRequiresGradient(true);
    }
    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray y = f.apply(x, w, b, s, p, op);
      NDArray r = gaussian(x.getManager(), new Random(seed), y.getShape());
      gc.backward(y.mul(r).sum());
      return new Result(y.getShape(), y.toFloatArray(), x.getGradient().toFloatArray(),
          w.getGradient().toFloatArray(), b == null ? null : b.getGradient().toFloatArray());
    }
  }

  private static NDArray gaussian(NDManager m, Random random, Shape shape) {
    float[] v = new float[(int) shape.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return m.create(v, shape);
  }
}
