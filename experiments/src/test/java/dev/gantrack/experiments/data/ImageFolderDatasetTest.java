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
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {
  @TempDir Path dir;

  private static final float EPS = 1e-6f;

  private static BufferedImage solid(int w, int h, Color color) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return image;
  }

  private static Path png(Path file, BufferedImage image) throws IOException {
    Files.createDirectories(file.getParent());
    assertTrue(ImageIO.write(image, "png", file.toFile()));
    return file;
  }

  private static Path jpeg(Path file, BufferedImage image) throws IOException {
    Files.createDirectories(file.getParent());
    assertTrue(ImageIO.write(image, "jpg", file.toFile()));
    return file;
  }

  private static float scaled(int b) {
    return b / 255f * 2f - 1f;
  }

  /** One example drawn from a source holding a single image. */
  private static float[] only(DataSource source) {
    float[] x = new float[source.shape().exampleLength()];
    source.batch(new SplittableRandom(0), 1, x, null);
    return x;
  }

  @Test
  void describeCountsImagesAtAnyDepthAndTakesTheShapeFromTheOptions() throws Exception {
    png(dir.resolve("a.png"), solid(40, 20, Color.RED));
    png(dir.resolve("sub/b.PNG"), solid(10, 10, Color.BLUE));
    png(dir.resolve("sub/deeper/c.png"), solid(7, 9, Color.GREEN));
    Files.writeString(dir.resolve("notes.txt"), "not an image");
    png(dir.resolve(".hidden/d.png"), solid(5, 5, Color.WHITE));
    png(dir.resolve(".e.png"), solid(5, 5, Color.WHITE));

    ImageFolderDataset spec = new ImageFolderDataset(".", 16, null, null);
    DataShape expected = new DataShape(new int[] {3, 16, 16}, 0, 3);
    assertEquals(expected, spec.describe(PluginContext.at(dir)));
    assertEquals(expected, spec.open(PluginContext.at(dir)).shape());
  }

  @Test
  void subfoldersAreClassesSortedByName() throws Exception {
    png(dir.resolve("zebra/1.png"), solid(12, 12, Color.RED));
    png(dir.resolve("zebra/2.png"), solid(12, 12, Color.RED));
    png(dir.resolve("apple/x/1.png"), solid(12, 12, Color.BLUE));
    jpeg(dir.resolve("mango/1.jpg"), solid(12, 12, Color.BLACK));
    png(dir.resolve("loose.png"), solid(12, 12, Color.WHITE)); // ignored when labelled

    ImageFolderDataset spec = new ImageFolderDataset(".", 4, 3, true);
    assertEquals(new DataShape(new int[] {3, 4, 4}, 3, 4), spec.describe(PluginContext.at(dir)));
    DataSource source = spec.open(PluginContext.at(dir));
    int n = 200;
    float[] x = new float[n * 48];
    int[] labels = new int[n];
    source.batch(new SplittableRandom(9), n, x, labels);
    // class 0 = apple (blue), 1 = mango (black), 2 = zebra (red)
    Map<Integer, Integer> counts = new HashMap<>();
    for (int j = 0; j < n; j++) {
      float r = x[j * 48];
      float g = x[j * 48 + 16];
      float b = x[j * 48 + 32];
      float[] rgb = {r, g, b};
      float[] want = switch (labels[j]) {
        case 0 -> new float[] {-1, -1, 1};
        case 1 -> new float[] {-1, -1, -1};
        case 2 -> new float[] {1, -1, -1};
        default -> throw new AssertionError("label " + labels[j]);
      };
      assertArrayEquals(want, rgb, 0.02f, "example " + j + " of class " + labels[j]);
      counts.merge(labels[j], 1, Integer::sum);
    }
    assertEquals(3, counts.size());
    assertTrue(counts.get(2) > counts.get(0), "zebra has two images, apple one: " + counts);
  }

  @Test
  void symlinkedClassFoldersAreFollowed() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    png(elsewhere.resolve("1.png"), solid(4, 4, Color.RED));
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.createSymbolicLink(root.resolve("linked"), elsewhere);
    png(root.resolve("plain/1.png"), solid(4, 4, Color.BLUE));
    assertEquals(
        new DataShape(new int[] {3, 4, 4}, 2, 2),
        new ImageFolderDataset("root", 4, 3, true).describe(PluginContext.at(dir)));
  }

  @Test
  void unlabelledFoldersLeaveTheLabelsArrayAlone() throws Exception {
    png(dir.resolve("cls/1.png"), solid(4, 4, Color.RED));
    DataSource source = new ImageFolderDataset(".", 4, 1, false).open(PluginContext.at(dir));
    assertEquals(0, source.shape().numClasses());
    int[] labels = {-3};
    source.batch(new SplittableRandom(0), 1, new float[16], labels);
    assertEquals(-3, labels[0]);
  }

  @Test
  void wideImagesAreCentreCroppedToASquare() throws Exception {
    // 60×20: black | white | black thirds; the centre square is the white third
    BufferedImage image = solid(60, 20, Color.BLACK);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(20, 0, 20, 20);
    g.dispose();
    png(dir.resolve("wide.png"), image);
    float[] x = only(new ImageFolderDataset(".", 10, 3, false).open(PluginContext.at(dir)));
    for (float v : x) {
      assertEquals(1f, v, EPS);
    }
  }

  @Test
  void tallImagesAreCentreCroppedToASquare() throws Exception {
    BufferedImage image = solid(20, 60, Color.WHITE);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.BLACK);
    g.fillRect(0, 20, 20, 20);
    g.dispose();
    png(dir.resolve("tall.png"), image);
    float[] x = only(new ImageFolderDataset(".", 5, 1, false).open(PluginContext.at(dir)));
    for (float v : x) {
      assertEquals(-1f, v, EPS);
    }
  }

  @Test
  void shrinkingKeepsLeftAndRightHalvesApart() throws Exception {
    BufferedImage image = solid(64, 64, Color.BLACK);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 32, 64);
    g.dispose();
    png(dir.resolve("half.png"), image);
    float[] x = only(new ImageFolderDataset(".", 8, 1, false).open(PluginContext.at(dir)));
    assertEquals(64, x.length);
    for (int row = 0; row < 8; row++) {
      for (int col = 0; col < 8; col++) {
        float want = col < 4 ? 1f : -1f;
        assertEquals(want, x[row * 8 + col], 0.05f, "pixel " + row + "," + col);
      }
    }
  }

  @Test
  void shrinkingByAnOddFactorAveragesFineDetail() throws Exception {
    // a 1-pixel checkerboard shrunk 90 → 9 comes out mid-grey, not black or white
    BufferedImage image = new BufferedImage(90, 90, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 90; y++) {
      for (int x = 0; x < 90; x++) {
        image.setRGB(x, y, (x + y) % 2 == 0 ? 0xffffff : 0);
      }
    }
    png(dir.resolve("checker.png"), image);
    float[] x = only(new ImageFolderDataset(".", 9, 1, false).open(PluginContext.at(dir)));
    for (float v : x) {
      assertEquals(0f, v, 0.25f);
    }
  }

  @Test
  void enlargingFillsTheRequestedSize() throws Exception {
    png(dir.resolve("small.png"), solid(2, 2, new Color(0, 255, 0)));
    float[] x = only(new ImageFolderDataset(".", 32, 3, false).open(PluginContext.at(dir)));
    assertEquals(3 * 32 * 32, x.length);
    for (int p = 0; p < 32 * 32; p++) {
      assertEquals(-1f, x[p], EPS);
      assertEquals(1f, x[1024 + p], EPS);
      assertEquals(-1f, x[2048 + p], EPS);
    }
  }

  @Test
  void greyPngValuesArriveUnchangedInOneOrThreeChannels() throws Exception {
    BufferedImage grey = new BufferedImage(6, 6, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 6; x++) {
        grey.getRaster().setSample(x, y, 0, 100);
      }
    }
    png(dir.resolve("grey.png"), grey);
    float[] one = only(new ImageFolderDataset(".", 6, 1, false).open(PluginContext.at(dir)));
    float[] three = only(new ImageFolderDataset(".", 6, 3, false).open(PluginContext.at(dir)));
    for (float v : one) {
      assertEquals(scaled(100), v, EPS);
    }
    for (float v : three) {
      assertEquals(scaled(100), v, EPS);
    }
  }

  @Test
  void jpegFilesAreDecoded() throws Exception {
    jpeg(dir.resolve("photo.jpeg"), solid(16, 16, new Color(200, 200, 200)));
    float[] x = only(new ImageFolderDataset(".", 8, 3, false).open(PluginContext.at(dir)));
    for (float v : x) {
      assertEquals(scaled(200), v, 0.03f); // JPEG is lossy
    }
  }

  @Test
  void oneChannelIsTheLuminanceOfColourImages() throws Exception {
    png(dir.resolve("red.png"), solid(3, 3, new Color(255, 0, 0)));
    float[] x = only(new ImageFolderDataset(".", 3, 1, false).open(PluginContext.at(dir)));
    for (float v : x) {
      assertEquals(scaled(76), v, EPS); // round(0.299 · 255)
    }
  }

  @Test
  void transparentPixelsBecomeBlack() throws Exception {
    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB); // all transparent
    png(dir.resolve("clear.png"), image);
    float[] x = only(new ImageFolderDataset(".", 4, 3, false).open(PluginContext.at(dir)));
    for (float v : x) {
      assertEquals(-1f, v, EPS);
    }
  }

  @Test
  void sameSeedGivesTheSameBatches() throws Exception {
    for (int i = 0; i < 5; i++) {
      png(dir.resolve(i + ".png"), solid(4, 4, new Color(i * 50, 0, 0)));
    }
    DataSource source = new ImageFolderDataset(".", 4, 1, false).open(PluginContext.at(dir));
    float[] a = new float[20 * 16];
    float[] b = new float[20 * 16];
    float[] c = new float[20 * 16];
    source.batch(new SplittableRandom(11), 20, a, null);
    source.batch(new SplittableRandom(11), 20, b, null);
    source.batch(new SplittableRandom(12), 20, c, null);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void missingEmptyAndClasslessFoldersAreErrorsNamingTheFolder() throws Exception {
    PluginContext ctx = PluginContext.at(dir);
    IOException missing = assertThrows(
        IOException.class, () -> new ImageFolderDataset("nope", null, null, null).describe(ctx));
    assertEquals(dir.resolve("nope") + ": no such folder", missing.getMessage());

    png(dir.resolve("file.png"), solid(2, 2, Color.RED));
    InvalidOptionException notFolder = assertThrows(
        InvalidOptionException.class, () -> new ImageFolderDataset("file.png", null, null, null).describe(ctx));
    assertTrue(notFolder.problem().startsWith(dir.resolve("file.png") + ": not a folder"), notFolder.getMessage());

    Files.createDirectories(dir.resolve("empty"));
    InvalidOptionException empty = assertThrows(
        InvalidOptionException.class, () -> new ImageFolderDataset("empty", null, null, null).describe(ctx));
    assertTrue(empty.problem().startsWith(dir.resolve("empty").toString()), empty.getMessage());

    png(dir.resolve("flat/1.png"), solid(2, 2, Color.RED));
    InvalidOptionException flat = assertThrows(
        InvalidOptionException.class, () -> new ImageFolderDataset("flat", null, null, true).describe(ctx));
    assertTrue(flat.problem().startsWith(dir.resolve("flat").toString()), flat.getMessage());
    assertTrue(flat.getMessage().contains("no subfolders"), flat.getMessage());
  }

  @Test
  void optionsAreCheckedWithTheirNames() {
    assertEquals(
        "path: required",
        assertThrows(IllegalArgumentException.class, () -> new ImageFolderDataset(null, null, null, null))
            .getMessage());
    assertEquals(
        "channels: 2 is not allowed; allowed 1 or 3",
        assertThrows(IllegalArgumentException.class, () -> new ImageFolderDataset("p", null, 2, null))
            .getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new ImageFolderDataset("p", 0, null, null))
            .getMessage()
            .startsWith("size: 0 is out of range"));
    ImageFolderDataset defaults = new ImageFolderDataset("p", null, null, null);
    assertEquals(64, defaults.size());
    assertEquals(3, defaults.channels());
    assertFalse(defaults.labeled());
  }
}
