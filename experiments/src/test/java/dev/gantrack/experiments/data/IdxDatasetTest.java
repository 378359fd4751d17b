package dev.gantrack.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxDatasetTest {
  @TempDir Path dir;

  /** Three 2×3 images: pixel k of image i is {@code PIXELS[i][k]}. */
  private static final int[][] PIXELS = {
    {0, 255, 51, 102, 153, 204},
    {255, 255, 255, 0, 0, 0},
    {1, 2, 3, 4, 5, 6},
  };

  private static final int[] LABELS = {2, 0, 4};

  private static byte[] idx(int magic, int[] dims, byte[] body) throws IOException {
    return DataFiles.idx(magic, dims, body);
  }

  private static Path write(Path file, byte[] content, boolean gzip) throws IOException {
    return DataFiles.write(file, content, gzip);
  }

  private byte[] imagesIdx() throws IOException {
    byte[] body = new byte[PIXELS.length * 6];
    for (int i = 0; i < PIXELS.length; i++) {
      for (int k = 0; k < 6; k++) {
        body[i * 6 + k] = (byte) PIXELS[i][k];
      }
    }
    return idx(0x803, new int[] {3, 2, 3}, body);
  }

  private byte[] labelsIdx(int... labels) throws IOException {
    byte[] body = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      body[i] = (byte) labels[i];
    }
    return idx(0x801, new int[] {labels.length}, body);
  }

  private static float scaled(int b) {
    return b / 255f * 2f - 1f;
  }

  private static float[] example(int i) {
    float[] e = new float[6];
    for (int k = 0; k < 6; k++) {
      e[k] = scaled(PIXELS[i][k]);
    }
    return e;
  }

  @ParameterizedTest(name = "gzipped={0}")
  @ValueSource(booleans = {false, true})
  void tinyIdxFilesRoundTripGzippedOrPlain(boolean gzip) throws Exception {
    String ext = gzip ? ".gz" : "";
    write(dir.resolve("img" + ext), imagesIdx(), gzip);
    write(dir.resolve("lab" + ext), labelsIdx(LABELS), gzip);
    IdxDataset spec = new IdxDataset("img" + ext, "lab" + ext, null, 5); // labels 0, 2, 4 of classes 0..4
    PluginContext ctx = PluginContext.at(dir);

    assertEquals(new DataShape(new int[] {1, 2, 3}, 5, 3), spec.describe(ctx));
    DataSource source = spec.open(ctx);
    assertEquals(new DataShape(new int[] {1, 2, 3}, 5, 3), source.shape());

    int n = 300;
    float[] x = new float[n * 6];
    int[] labels = new int[n];
    source.batch(new SplittableRandom(1), n, x, labels);
    Set<Integer> seen = new HashSet<>();
    for (int j = 0; j < n; j++) {
      float[] got = Arrays.copyOfRange(x, j * 6, j * 6 + 6);
      int which = -1;
      for (int i = 0; i < PIXELS.length; i++) {
        if (Arrays.equals(got, example(i))) {
          which = i;
        }
      }
      assertTrue(which >= 0, "example " + j + " is none of the file's: " + Arrays.toString(got));
      assertEquals(LABELS[which], labels[j], "label of example " + j);
      seen.add(which);
    }
    assertEquals(Set.of(0, 1, 2), seen, "all examples are drawn");
    assertEquals(-1f, example(0)[0]);
    assertEquals(1f, example(0)[1]);
  }

  @Test
  void withoutLabelsTheDataIsUnlabelledAndLabelsAreLeftAlone() throws Exception {
    write(dir.resolve("img"), imagesIdx(), false);
    IdxDataset spec = new IdxDataset("img", null, null);
    assertEquals(new DataShape(new int[] {1, 2, 3}, 0, 3), spec.describe(PluginContext.at(dir)));
    int[] labels = {-7, -7};
    spec.open(PluginContext.at(dir)).batch(new SplittableRandom(1), 2, new float[12], labels);
    assertArrayEquals(new int[] {-7, -7}, labels);
    spec.open(PluginContext.at(dir)).batch(new SplittableRandom(1), 2, new float[12], null);
  }

  @Test
  void limitKeepsOnlyTheFirstExamplesButCountsClassesOverTheWholeLabelsFile() throws Exception {
    write(dir.resolve("img.gz"), imagesIdx(), true);
    write(dir.resolve("lab.gz"), labelsIdx(1, 0, 2), true);
    IdxDataset spec = new IdxDataset("img.gz", "lab.gz", 2);
    assertEquals(new DataShape(new int[] {1, 2, 3}, 3, 2), spec.describe(PluginContext.at(dir)));
    DataSource source = spec.open(PluginContext.at(dir));
    float[] x = new float[200 * 6];
    source.batch(new SplittableRandom(3), 200, x, new int[200]);
    for (int j = 0; j < 200; j++) {
      float[] got = Arrays.copyOfRange(x, j * 6, j * 6 + 6);
      assertFalse(Arrays.equals(got, example(2)), "the third example is past the limit");
    }
  }

  @Test
  void fourDimensionalChannelsLastFilesAreHandedOutChannelsFirst() throws Exception {
    // one 1×2 image with 3 channels, stored H×W×C: pixel (0,0) = (10,20,30), (0,1) = (40,50,60)
    byte[] body = {10, 20, 30, 40, 50, 60};
    write(dir.resolve("rgb"), idx(0x804, new int[] {1, 1, 2, 3}, body), false);
    IdxDataset spec = new IdxDataset("rgb", null, null);
    assertEquals(new DataShape(new int[] {3, 1, 2}, 0, 1), spec.describe(PluginContext.at(dir)));
    float[] x = new float[6];
    spec.open(PluginContext.at(dir)).batch(new SplittableRandom(0), 1, x, null);
    float[] expected = {scaled(10), scaled(40), scaled(20), scaled(50), scaled(30), scaled(60)};
    assertArrayEquals(expected, x);
  }

  @Test
  void twoDimensionalFilesHoldFlatVectors() throws Exception {
    write(dir.resolve("vec"), idx(0x802, new int[] {2, 4}, new byte[8]), false);
    assertEquals(
        new DataShape(new int[] {4}, 0, 2),
        new IdxDataset("vec", null, null).describe(PluginContext.at(dir)));
  }

  @Test
  void sameSeedGivesTheSameBatchesAndAnotherSeedOtherBatches() throws Exception {
    write(dir.resolve("img"), imagesIdx(), false);
    write(dir.resolve("lab"), labelsIdx(LABELS), false);
    DataSource source = new IdxDataset("img", "lab", null, 5).open(PluginContext.at(dir));
    float[] a = new float[50 * 6];
    float[] b = new float[50 * 6];
    float[] c = new float[50 * 6];
    int[] la = new int[50];
    int[] lb = new int[50];
    source.batch(new SplittableRandom(42), 50, a, la);
    source.batch(new SplittableRandom(42), 50, b, lb);
    source.batch(new SplittableRandom(43), 50, c, new int[50]);
    assertArrayEquals(a, b);
    assertArrayEquals(la, lb);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void badMagicIsAnErrorNamingTheFile() throws Exception {
    Path file = write(dir.resolve("notidx.gz"), "hello, this is not IDX".getBytes(), true);
    InvalidOptionException e = assertThrows(
        InvalidOptionException.class, () -> new IdxDataset("notidx.gz", null, null).describe(PluginContext.at(dir)));
    assertEquals("images", e.option());
    assertTrue(e.problem().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
  }

  @Test
  void unsupportedDataTypeIsAnErrorNamingTheFileAndTheType() throws Exception {
    Path file = write(dir.resolve("floats"), idx(0x0D03, new int[] {1, 1, 1}, new byte[4]), false);
    InvalidOptionException e = assertThrows(
        InvalidOptionException.class, () -> new IdxDataset("floats", null, null).open(PluginContext.at(dir)));
    assertTrue(e.problem().startsWith(file.toString()), e.getMessage());
    assertTrue(e.problem().contains("0x0D is not supported"), e.getMessage());
  }

  @Test
  void truncatedPlainFileIsFoundByDescribeAndNamesTheFile() throws Exception {
    byte[] full = imagesIdx();
    Path file = write(dir.resolve("short"), Arrays.copyOf(full, full.length - 5), false);
    IdxDataset spec = new IdxDataset("short", null, null);
    for (var call : new org.junit.jupiter.api.function.Executable[] {
      () -> spec.describe(PluginContext.at(dir)), () -> spec.open(PluginContext.at(dir))
    }) {
      InvalidOptionException e = assertThrows(InvalidOptionException.class, call);
      assertEquals("images", e.option());
      assertEquals(file + ": truncated: the header declares 3 images of 2×3 (18 bytes) but 13 bytes follow",
          e.problem());
    }
  }

  @Test
  void truncatedGzipFileIsAnErrorNamingTheFileWhenOpened() throws Exception {
    byte[] full = imagesIdx();
    Path file = write(dir.resolve("short.gz"), Arrays.copyOf(full, full.length - 5), true);
    InvalidOptionException e = assertThrows(
        InvalidOptionException.class, () -> new IdxDataset("short.gz", null, null).open(PluginContext.at(dir)));
    assertEquals(file + ": truncated: the header declares 3 images of 2×3 (18 bytes) but 13 bytes follow",
        e.problem());
  }

  @Test
  void gzipStreamCutOffMidwayIsAnErrorNamingTheFile() throws Exception {
    byte[] big = new byte[50_000];
    new SplittableRandom(5).nextBytes(big);
    Path whole = write(dir.resolve("whole.gz"), idx(0x803, new int[] {50, 40, 25}, big), true);
    byte[] gz = Files.readAllBytes(whole);
    Path file = dir.resolve("cut.gz");
    Files.write(file, Arrays.copyOf(gz, gz.length / 2));
    InvalidOptionException e = assertThrows(
        InvalidOptionException.class, () -> new IdxDataset("cut.gz", null, null).open(PluginContext.at(dir)));
    assertTrue(e.problem().startsWith(file + ": truncated"), e.getMessage());
  }

  @Test
  void fileShorterThanItsHeaderIsTruncated() throws Exception {
    Path file = write(dir.resolve("tiny"), new byte[] {0, 0, 8, 3, 0, 0}, false);
    InvalidOptionException e = assertThrows(
        InvalidOptionException.class, () -> new IdxDataset("tiny", null, null).describe(PluginContext.at(dir)));
    assertTrue(e.problem().startsWith(file + ": truncated"), e.getMessage());
  }

  @Test
  void swappedImagesAndLabelsFilesAreExplained() throws Exception {
    Path images = write(dir.resolve("img"), imagesIdx(), false);
    Path labels = write(dir.resolve("lab"), labelsIdx(LABELS), false);
    InvalidOptionException asImages = assertThrows(
        InvalidOptionException.class, () -> new IdxDataset("lab", "img", null).describe(PluginContext.at(dir)));
    assertEquals("images", asImages.option());
    assertTrue(asImages.problem().startsWith(labels + ": not an images file"), asImages.getMessage());
    InvalidOptionException asLabels = assertThrows(
        InvalidOptionException.class, () -> new IdxDataset("img", "img", null).describe(PluginContext.at(dir)));
    assertEquals("labels", asLabels.option());
    assertTrue(asLabels.problem().startsWith(images + ": not a labels file"), asLabels.getMessage());
  }

  @Test
  void missingFileIsAnErrorNamingTheResolvedPath() {
    IOException e = assertThrows(
        IOException.class, () -> new IdxDataset("nope.gz", null, null).describe(PluginContext.at(dir)));
    assertEquals(dir.resolve("nope.gz") + ": no such file", e.getMessage());
  }

  @Test
  void imagesIsRequiredAndLimitMustBePositive() {
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> new IdxDataset(null, null, null));
    assertEquals("images: required", none.getMessage());
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> new IdxDataset("a", null, 0));
    assertTrue(zero.getMessage().startsWith("limit: 0 is out of range"), zero.getMessage());
  }
}
