package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.djl.builtins.network.DcganDiscriminator;
import dev.gantrack.djl.builtins.network.DcganGenerator;
import dev.gantrack.djl.nn.ConvTranspose2d;
import dev.gantrack.djl.spi.NetworkContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dcgan networks with DCGAN-tensorflow's 5×5 kernels (PacGAN's Stacked MNIST networks): the
 * layer sizes TensorFlow's SAME padding gives on 28×28 images, and D's padding against a convolution
 * summed by hand.
 */
class OddKernelDcganTest {
  private static final int[] STACKED_MNIST = {3, 28, 28};

  /** The spatial size after each layer of {@code net} of the given kind, running a batch of 2 through it. */
  private static List<Long> sizesAfter(Block net, NDArray x, Class<?> kind) {
    List<Long> sizes = new ArrayList<>();
    ParameterStore ps = new ParameterStore(x.getManager(), false);
    NDList value = new NDList(x);
    for (Pair<String, Block> child : ((SequentialBlock) net).getChildren()) {
      value = child.getValue().forward(ps, value, true);
      if (kind.isInstance(child.getValue())) {
        sizes.add(value.singletonOrThrow().getShape().get(2));
      }
    }
    return sizes;
  }

  @Test
  void kernel5GeneratorGrowsTwoByTwoToTwentyEightThroughSevenAsTensorflowsSamePaddingDoes() {
    DcganGenerator spec = new DcganGenerator(100, 32, 4, "batch", "relu", null, false, 0.02, 5);
    assertArrayEquals(STACKED_MNIST, spec.outputShape(STACKED_MNIST));
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Block g = spec.build(new NetworkContext(NetworkContext.Role.GENERATOR, STACKED_MNIST, 0, 100, new DefaultLayerFactory()));
      Engine.getEngine("PyTorch").setRandomSeed(3);
      g.initialize(m, DataType.FLOAT32, new Shape(2, 100));
      NDArray z = m.randomUniform(-1, 1, new Shape(2, 100));
      assertEquals(List.of(4L, 7L, 14L, 28L), sizesAfter(g, z, ConvTranspose2d.class),
          "DCGAN-tensorflow's conv_out_size_same: 28 -> 14 -> 7 -> 4 -> 2, generated in reverse");
      NDArray out = g.forward(new ParameterStore(m, false), new NDList(z), false).singletonOrThrow();
      assertEquals(new Shape(2, 3, 28, 28), out.getShape());
      Parameter first = g.getParameters().get(0).getValue();
      assertEquals(new Shape(32 * 2 * 2, 100), first.getArray().getShape(), "z -> 32 x 2 x 2");
    }
  }

  @Test
  void kernel5DiscriminatorHalvesTwentyEightRoundingUpAndPadsTwoOnEverySide() {
    DcganDiscriminator spec = new DcganDiscriminator(8, 4, "batch", "leaky-relu", null, false, null, null, null, 0.02, 5);
    assertArrayEquals(STACKED_MNIST, spec.inputShape(STACKED_MNIST));
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Block d = PackedDiscriminatorTest.build(spec, STACKED_MNIST, m, 2, 11);
      float[] x = PackedDiscriminatorTest.gaussian(2 * 3 * 28 * 28, 4);
      NDArray input = m.create(x, new Shape(2, 3, 28, 28));
      List<Long> sizes = sizesAfter(d, input, dev.gantrack.djl.nn.Conv2d.class);
      assertEquals(List.of(14L, 7L, 4L, 2L), sizes);
      List<Pair<String, Parameter>> params = d.getParameters().stream().toList();
      long last = params.get(params.size() - 2).getValue().getArray().getShape().get(1);
      assertEquals(64 * 2 * 2, last, "the logit sees 64 channels x 2 x 2");

      Block conv = ((SequentialBlock) d).getChildren().get(0).getValue();
      float[] w = conv.getParameters().get(0).getValue().getArray().toFloatArray(); // (8, 3, 5, 5)
      float[] b = conv.getParameters().get(1).getValue().getArray().toFloatArray();
      float[] y = conv.forward(new ParameterStore(m, false), new NDList(input), false).singletonOrThrow().toFloatArray();
      for (int[] at : new int[][] {{0, 0, 0, 0}, {1, 7, 13, 13}, {0, 3, 6, 7}, {1, 5, 13, 0}}) {
        int n = at[0];
        int o = at[1];
        int i = at[2];
        int j = at[3];
        double sum = b[o];
        for (int c = 0; c < 3; c++) {
          for (int u = 0; u < 5; u++) {
            for (int v = 0; v < 5; v++) {
              int r = 2 * i + u - 2;
              int q = 2 * j + v - 2;
              if (r >= 0 && r < 28 && q >= 0 && q < 28) {
                sum += w[((o * 3 + c) * 5 + u) * 5 + v] * x[((n * 3 + c) * 28 + r) * 28 + q];
              }
            }
          }
        }
        assertEquals(sum, y[((n * 8 + o) * 14 + i) * 14 + j], 1e-4, "output " + java.util.Arrays.toString(at));
      }
    }
  }

  @Test
  void kernel4KeepsExactHalvingSoTwentyEightNeedsTwoUpsamplesAndOddKernelsNeedSquareImages() {
    assertArrayEquals(new int[] {3, 16, 16}, new DcganGenerator(100, 32, 4, null, null, null, false, null, 4)
        .outputShape(STACKED_MNIST), "28 >> 4 = 1, 1 << 4 = 16: the file check names the mismatch");
    assertArrayEquals(STACKED_MNIST, new DcganGenerator(100, 32, 2, null, null, null, false, null, null)
        .outputShape(STACKED_MNIST));
    assertArrayEquals(new int[] {3, 28, 28}, new DcganGenerator(100, 32, 4, null, null, null, false, null, 5)
        .outputShape(new int[] {3, 28, 32}));
    assertEquals("kernel", assertThrows(InvalidOptionException.class,
        () -> new DcganGenerator(100, 32, 4, null, null, null, false, null, 1)).option());
    assertEquals("kernel", assertThrows(InvalidOptionException.class,
        () -> new DcganDiscriminator(8, 4, null, null, null, false, null, null, null, null, 10)).option());
  }
}
