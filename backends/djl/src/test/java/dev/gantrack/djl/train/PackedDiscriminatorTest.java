package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.Role;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.spec.DiscriminatorSpec;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.DcganDiscriminator;
import dev.gantrack.djl.builtins.network.DcganGenerator;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.NetworkContext;
import dev.gantrack.djl.spi.layers.Layers;
import dev.gantrack.djl.train.MemoryStaysFlatTest.NoiseData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PacGAN's packed D and ProGAN's minibatch-std feature, against inputs and statistics built by hand. */
class PackedDiscriminatorTest {

  static Block build(DiscriminatorSpec d, int[] dataShape, NDManager m, int batch, long seed) {
    Block block = ((DjlNetworkSpec) d).build(new NetworkContext(NetworkContext.Role.DISCRIMINATOR, dataShape, 0, 1,
        new DefaultLayerFactory()));
    long[] s = new long[dataShape.length + 1];
    s[0] = batch;
    for (int i = 0; i < dataShape.length; i++) {
      s[i + 1] = dataShape[i];
    }
    Engine.getEngine("PyTorch").setRandomSeed((int) seed);
    block.initialize(m, DataType.FLOAT32, new Shape(s));
    return block;
  }

  static float[] forward(Block block, NDManager m, float[] x, Shape shape) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray out = block.forward(new ParameterStore(m, false), new NDList(m.create(x, shape)), false).singletonOrThrow();
      assertEquals(1, out.getShape().get(1));
      assertEquals(shape.get(0), out.getShape().get(0));
      return out.toFloatArray();
    }
  }

  static List<float[]> parameters(Block b) {
    List<float[]> out = new ArrayList<>();
    for (Pair<String, Parameter> p : b.getParameters()) {
      out.add(p.getValue().getArray().toFloatArray());
    }
    return out;
  }

  static float[] gaussian(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  /**
   * D packed by m on samples of {@code dataShape} vs. the same D unpacked on samples of m times as
   * many channels that the test stacked by hand: pack p's example is samples mp..mp+m-1, one after
   * the other (flat: features concatenated; images: channels stacked).
   */
  static void assertPackedEqualsHandStacked(DiscriminatorSpec packed, DiscriminatorSpec plain, int[] dataShape, int m) {
    int n = 12;
    int product = 1;
    for (int d : dataShape) {
      product *= d;
    }
    final int per = product;
    int[] stackedShape = dataShape.clone();
    stackedShape[0] *= m;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Block a = build(packed, dataShape, manager, 2 * m, 9);
      Block b = build(plain, stackedShape, manager, 2, 9);
      List<float[]> pa = parameters(a);
      List<float[]> pb = parameters(b);
      assertEquals(pa.size(), pb.size());
      for (int i = 0; i < pa.size(); i++) {
        assertArrayEquals(pa.get(i), pb.get(i), "same initial weights " + i);
      }
      float[] x = gaussian(n * per, 4);
      // hand stacking: pack p, position j in the pack, element e of sample mp+j
      float[] stacked = new float[n * per];
      for (int p = 0; p < n / m; p++) {
        for (int j = 0; j < m; j++) {
          for (int e = 0; e < per; e++) {
            stacked[p * m * per + j * per + e] = x[(p * m + j) * per + e];
          }
        }
      }
      long[] xs = new long[dataShape.length + 1];
      long[] ss = new long[dataShape.length + 1];
      xs[0] = n;
      ss[0] = n / m;
      for (int i = 0; i < dataShape.length; i++) {
        xs[i + 1] = dataShape[i];
        ss[i + 1] = stackedShape[i];
      }
      float[] packedOut;
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray out = a.forward(new ParameterStore(manager, false), new NDList(manager.create(x, new Shape(xs))), false)
            .singletonOrThrow();
        assertEquals(new Shape(n / m, 1), out.getShape(), "one logit per pack");
        packedOut = out.toFloatArray();
      }
      float[] handOut = forward(b, manager, stacked, new Shape(ss));
      assertArrayEquals(handOut, packedOut, 1e-5f);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> forward(a, manager, gaussian((n + 1) * per, 1), new Shape(withFirst(xs, n + 1))));
      assertTrue(e.getMessage().contains("multiple of " + m), e.getMessage());
    }
  }

  static long[] withFirst(long[] s, long first) {
    long[] c = s.clone();
    c[0] = first;
    return c;
  }

  @Test
  void packedMlpJudgesConcatenatedSamplesWithOneLogitPerPack() {
    assertPackedEqualsHandStacked(new MlpDiscriminator(16, 2, null, null, null, null, 4, null, null),
        new MlpDiscriminator(16, 2, null, null, null, null), new int[] {3}, 4);
  }

  @Test
  void packedDcganStacksSamplesAlongChannels() {
    assertPackedEqualsHandStacked(new DcganDiscriminator(4, 2, "none", null, null, null, 3, null, null),
        new DcganDiscriminator(4, 2, "none", null, null, null), new int[] {2, 8, 8}, 3);
  }

  @Test
  void packWithConditionalDIsRejectedNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MlpDiscriminator(null, null, null, null, null, true, 2, null, null));
    assertTrue(e.getMessage().startsWith("pack: "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DcganDiscriminator(null, null, null, null, null, true, 4, null, null));
    assertEquals(1, new MlpDiscriminator(null, null, null, null, null, true, 1, null, null).pack());
  }

  /** ProGAN's statistic in plain doubles: per feature std over a group (biased, +1e-8), mean over features. */
  static double[] minibatchStd(float[] x, int n, int features, int group) {
    int g = group <= 0 ? n : Math.min(group, n);
    int groups = n / g;
    double[] perGroup = new double[groups];
    for (int k = 0; k < groups; k++) {
      double sum = 0;
      for (int f = 0; f < features; f++) {
        double mean = 0;
        for (int i = k; i < n; i += groups) {
          mean += x[i * features + f];
        }
        mean /= g;
        double var = 0;
        for (int i = k; i < n; i += groups) {
          double d = x[i * features + f] - mean;
          var += d * d;
        }
        sum += Math.sqrt(var / g + 1e-8);
      }
      perGroup[k] = sum / features;
    }
    double[] perSample = new double[n];
    for (int i = 0; i < n; i++) {
      perSample[i] = perGroup[i % groups];
    }
    return perSample;
  }

  /** The MLP D with minibatch-std and no hidden layers: its last linear layer sees (x, stat); read stat back from it. */
  @Test
  void minibatchStdFeatureEqualsHandComputedStatisticForFlatSamples() {
    int n = 6;
    int features = 5;
    float[] x = gaussian(n * features, 2);
    for (int group : new int[] {0, 3, 2}) {
      try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
        // layers: 0 → the block is flatten, minibatch-std, linear(1); weights set so the logit is the appended feature
        Block d = build(new MlpDiscriminator(8, 0, null, null, null, null, null, true, group), new int[] {features},
            manager, 2, 1);
        NDArray w = d.getParameters().get(d.getParameters().size() - 2).getValue().getArray();
        assertEquals(new Shape(1, features + 1), w.getShape(), "one extra input to the last linear layer");
        float[] onlyStat = new float[features + 1];
        onlyStat[features] = 1f;
        // through detached views that share storage (in-place writes to a leaf that requires grad are refused)
        w.stopGradient().muli(0).addi(manager.create(onlyStat, w.getShape()));
        d.getParameters().get(d.getParameters().size() - 1).getValue().getArray().stopGradient().muli(0);
        assertArrayEquals(onlyStat, w.toFloatArray());
        float[] stat = forward(d, manager, x, new Shape(n, features));
        double[] expected = minibatchStd(x, n, features, group);
        for (int i = 0; i < n; i++) {
          assertEquals(expected[i], stat[i], 1e-5, "group " + group + " sample " + i);
        }
      }
    }
  }

  /** The DCGAN variant appends the statistic as one constant channel; reshape it to (N, F) by hand and compare. */
  @Test
  void minibatchStdChannelIsConstantAndEqualsHandComputedStatisticForImages() {
    int n = 4;
    int[] shape = {2, 3, 3};
    int features = 18;
    float[] x = gaussian(n * features, 3);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch"); NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      Block block = dev.gantrack.djl.spi.layers.Layers.minibatchStd(2);
      NDArray out = block.forward(new ParameterStore(manager, false),
          new NDList(manager.create(x, new Shape(n, 2, 3, 3))), false).singletonOrThrow();
      assertEquals(new Shape(n, 3, 3, 3), out.getShape());
      float[] o = out.toFloatArray();
      double[] expected = minibatchStd(x, n, features, 2);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < 2; c++) {
          for (int p = 0; p < 9; p++) {
            assertEquals(x[i * 18 + c * 9 + p], o[i * 27 + c * 9 + p], "input channels pass through");
          }
        }
        for (int p = 0; p < 9; p++) {
          assertEquals(expected[i], o[i * 27 + 18 + p], 1e-5, "sample " + i + " extra channel pixel " + p);
        }
      }
    }
  }

  @Test
  void packedDcganWithMinibatchStdTrainsInAShortRun() {
    NoiseData data = new NoiseData(new int[] {1, 8, 8});
    TrainingSpec training = new TrainingSpec(10, 16, 5, 0, 2, 0, 0, 0.0);
    Experiment e = new Experiment("pack", null, "djl", "cpu", 3L, data, new DcganGenerator(4, 8, 2, null, null, null, null),
        new DcganDiscriminator(4, 2, null, null, null, null, 4, true, 2), new NonSaturatingLoss(), null,
        new NoLabelSmoothing(), new NormalLatent(null), null, new SeparateOptimizers(null, null, 1), null,
        training, List.of(), List.of(), List.of());
    try (TestRun trainer = TestRun.of(e, data)) {
      for (int i = 1; i <= 10; i++) {
        try (NDScope s = new NDScope(); NDManager sm = trainer.manager().newSubManager()) {
          s.suppressNotUsedWarning();
          Map<String, Double> v = trainer.step(sm, i).toHost();
          assertTrue(Double.isFinite(v.get("d_loss")) && Double.isFinite(v.get("g_loss")), v.toString());
        }
      }
    }
  }
}
