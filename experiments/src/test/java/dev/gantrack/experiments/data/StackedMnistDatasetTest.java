package dev.gantrack.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.experiments.TestFiles;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stacked MNIST: three shipped digits as channels, the mode as class, the same examples for one seed. */
class StackedMnistDatasetTest {
  private static final Path DIR = TestFiles.repo().resolve("experiments/data/mnist");
  private static final String IMAGES = "mnist-10k-images-idx3-ubyte.gz";
  private static final String LABELS = "mnist-10k-labels-idx1-ubyte.gz";

  private static DataSource open(Integer size, Long seed) throws Exception {
    return new StackedMnistDataset(IMAGES, LABELS, size, seed).open(PluginContext.at(DIR));
  }

  @Test
  void examplesAreThreeChannelsOfShippedDigitsWhoseLabelsMakeTheMode() throws Exception {
    DataSource stacked = open(500, 3L);
    assertEquals(new DataShape(new int[] {3, 28, 28}, 1000, 500), stacked.shape());
    DataSource digits = new IdxDataset(IMAGES, LABELS, null).open(PluginContext.at(DIR));
    float[] x = new float[3 * 784];
    int[] y = new int[1];
    float[] digit = new float[784];
    int[] label = new int[1];
    for (int e : new int[] {0, 17, 499}) {
      stacked.examples(e, 1, x, y);
      int mode = 0;
      for (int c = 0; c < 3; c++) {
        float[] channel = java.util.Arrays.copyOfRange(x, c * 784, (c + 1) * 784);
        int found = -1;
        for (int i = 0; i < 10_000 && found < 0; i++) {
          digits.examples(i, 1, digit, label);
          if (java.util.Arrays.equals(digit, channel)) {
            found = label[0];
          }
        }
        assertTrue(found >= 0, "channel " + c + " of example " + e + " is a shipped digit");
        mode = mode * 10 + found;
      }
      assertEquals(mode, y[0], "the class is 100·first + 10·second + third digit");
    }
  }

  @Test
  void theSeedFixesEachExampleAndAnotherSeedStacksOthers() throws Exception {
    float[] a = new float[3 * 784 * 4];
    float[] b = new float[3 * 784 * 4];
    float[] c = new float[3 * 784 * 4];
    open(100, 1L).examples(10, 4, a, null);
    open(100, 1L).examples(10, 4, b, null);
    open(100, 2L).examples(10, 4, c, null);
    assertArrayEquals(a, b);
    assertNotEquals(java.util.Arrays.hashCode(a), java.util.Arrays.hashCode(c));
    assertEquals(open(100, 1L).fingerprint(), open(100, 1L).fingerprint());
    assertNotEquals(open(100, 1L).fingerprint(), open(100, 2L).fingerprint());
    assertNotEquals(open(100, 1L).fingerprint(), open(200, 1L).fingerprint());
  }

  @Test
  void randomBatchesCoverManyOfTheThousandModes() throws Exception {
    DataSource stacked = open(null, null);
    int n = 5000;
    int[] y = new int[n];
    stacked.batch(new SplittableRandom(1), n, new float[n * 3 * 784], y);
    Set<Integer> modes = new HashSet<>();
    for (int m : y) {
      modes.add(m);
    }
    // 5,000 draws of 1,000 nearly equally likely modes leave about 1000·e^-5 ≈ 7 unseen
    assertTrue(modes.size() > 980, modes.size() + " modes");
  }

  @Test
  void imagesThatAreNotDigitsAreRefusedAtImages() {
    InvalidOptionException e = assertThrows(InvalidOptionException.class,
        () -> new StackedMnistDataset(LABELS, null, null, null).describe(PluginContext.at(DIR)));
    assertEquals("images", e.option());
  }
}
