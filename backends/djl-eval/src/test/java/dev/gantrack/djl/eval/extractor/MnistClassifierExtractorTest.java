package dev.gantrack.djl.eval.extractor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.djl.eval.ShippedDigits;
import dev.gantrack.djl.eval.classifier.ClassifierTrainingAccess;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped MNIST classifier: its hash is checked, it is accurate on the held-out digits, and it reads stacked channels. */
class MnistClassifierExtractorTest {
  @TempDir Path tmp;

  private static MnistClassifier shipped(NDManager manager, int channels) throws IOException {
    return new MnistClassifier(Weights.resource(MnistClassifierExtractor.class, MnistClassifierExtractor.SHIPPED), manager,
        new int[] {channels, 28, 28});
  }

  @Test
  void theShippedWeightsAreUnderOneMegabyteAndMatchTheirRecordedHash() throws IOException {
    Weights w = Weights.resource(MnistClassifierExtractor.class, MnistClassifierExtractor.SHIPPED);
    assertTrue(w.bytes().length < 1_000_000, w.bytes().length + " bytes");
    assertEquals(Weights.sha256(w.bytes()), w.sha256());
  }

  @Test
  void weightsWhoseHashIsNotTheRecordedOneAreRefused() throws IOException {
    Weights w = Weights.resource(MnistClassifierExtractor.class, MnistClassifierExtractor.SHIPPED);
    Path file = tmp.resolve("w.params");
    Weights.write(w.bytes(), file);
    assertEquals(w.sha256(), Weights.read(file).sha256());
    byte[] changed = w.bytes().clone();
    changed[changed.length / 2] ^= 1;
    Files.write(file, changed);
    IOException e = assertThrows(IOException.class, () -> Weights.read(file));
    assertTrue(e.getMessage().contains("not the recorded " + w.sha256()), e.getMessage());
  }

  @Test
  void itClassifiesAtLeast98PercentOfTheHeldOutShippedDigits() throws IOException {
    // the digits train-classifier held out with its default seed and split
    int[] order = ClassifierTrainingAccess.heldOutOrder(10_000, 1000, 1L);
    ShippedDigits digits = new ShippedDigits(10_000, null);
    try (NDManager m = NDManager.newBaseManager("PyTorch"); MnistClassifier c = shipped(m, 1)) {
      int right = 0;
      float[] x = new float[784];
      int[] y = new int[1];
      float[] batch = new float[1000 * 784];
      int[] labels = new int[1000];
      for (int i = 0; i < 1000; i++) {
        digits.examples(order[i], 1, x, y);
        System.arraycopy(x, 0, batch, i * 784, 784);
        labels[i] = y[0];
      }
      long[] predicted = c.extract(m.create(batch, new Shape(1000, 1, 28, 28))).probabilities().argMax(1).toLongArray();
      for (int i = 0; i < 1000; i++) {
        right += predicted[i] == labels[i] ? 1 : 0;
      }
      assertTrue(right >= 980, right + " of 1000 held-out digits");
    }
  }

  @Test
  void onStackedDigitsTheClassesAreTheModesOfTheThreeChannels() throws IOException {
    ShippedDigits digits = new ShippedDigits(10_000, null);
    SplittableRandom r = new SplittableRandom(8);
    int n = 64;
    float[] x = new float[n * 3 * 784];
    int[] modes = new int[n];
    float[] one = new float[784];
    int[] label = new int[1];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        digits.examples(r.nextInt(10_000), 1, one, label);
        System.arraycopy(one, 0, x, (i * 3 + c) * 784, 784);
        modes[i] = modes[i] * 10 + label[0];
      }
    }
    try (NDManager m = NDManager.newBaseManager("PyTorch"); MnistClassifier stacked = shipped(m, 3);
        MnistClassifier single = shipped(m, 1)) {
      assertEquals(1000, stacked.classes());
      assertEquals(3 * 128, stacked.featureSize());
      NDArray images = m.create(x, new Shape(n, 3, 28, 28));
      DjlFeatureExtractorSpec.Output out = stacked.extract(images);
      long[] predicted = out.probabilities().argMax(1).toLongArray();
      int right = 0;
      for (int i = 0; i < n; i++) {
        right += predicted[i] == modes[i] ? 1 : 0;
      }
      assertTrue(right >= 58, right + " of " + n + " modes (each needs three digits right)");
      // the joint probability is the product of the channels' own, first channel most significant
      float[] p0 = single.extract(images.get(":, 0:1")).probabilities().toFloatArray();
      float[] p1 = single.extract(images.get(":, 1:2")).probabilities().toFloatArray();
      float[] p2 = single.extract(images.get(":, 2:3")).probabilities().toFloatArray();
      float[] joint = out.probabilities().toFloatArray();
      assertEquals(p0[3] * p1[7] * p2[1], joint[371], 1e-6);
      assertEquals(3 * 128, out.features().getShape().get(1));
      assertArrayEquals(new long[] {n, 3 * 16, 14, 14}, out.layers().get(0).getShape().getShape());
    }
  }

  @Test
  void loadingItDrawsNothingFromTheEnginesRandomGeneratorSoMetricsLeaveTrainingAsItWas() throws IOException {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(21);
      float[] without = m.randomNormal(new Shape(8)).toFloatArray();
      ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(21);
      try (MnistClassifier c = shipped(m, 1)) {
        assertArrayEquals(without, m.randomNormal(new Shape(8)).toFloatArray());
      }
    }
  }

  @Test
  void itRefusesImagesThatAreNot28By28OrHaveMoreThanThreeChannels() throws IOException {
    try (NDManager m = NDManager.newBaseManager("PyTorch"); MnistClassifier c = shipped(m, 1)) {
      assertNull(c.refuses(new int[] {1, 28, 28}));
      assertNotNull(c.refuses(new int[] {1, 32, 32}));
      assertNotNull(c.refuses(new int[] {4, 28, 28}));
      assertNotNull(c.refuses(new int[] {2}));
    }
  }
}
