package dev.gantrack.experiments.data;

import static dev.gantrack.experiments.data.DataFiles.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataShape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code image-folder} decodes every image when it describes the folder, and refuses files that
 * cannot train (not images, truncated, enormous declared dimensions, FIFOs) within seconds,
 * naming {@code path} and the file.
 */
class ImageFolderChecksTest {
  @TempDir Path dir;

  private PluginContext ctx() {
    return PluginContext.at(dir);
  }

  private static ImageFolderDataset spec() {
    return new ImageFolderDataset("images", 8, 3, false);
  }

  /** A noisy image (so that a truncated file really misses data) encoded as {@code format}. */
  private static byte[] encoded(String format, int w, int h) throws Exception {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(1);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, out));
    return out.toByteArray();
  }

  private Path image(String name, byte[] bytes) throws Exception {
    Path file = dir.resolve("images").resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  @Test
  void goodImagesDescribeAndOpenWithTheSameShape() throws Exception {
    image("a.png", encoded("png", 20, 10));
    image("b.jpg", encoded("jpg", 9, 9));
    DataShape shape = new DataShape(new int[] {3, 8, 8}, 0, 2);
    assertEquals(shape, spec().describe(ctx()));
    assertEquals(shape, spec().open(ctx()).shape());
  }

  @Test
  void fileNamedLikeAnImageThatIsNoImageIsNamed() throws Exception {
    image("good.png", encoded("png", 8, 8));
    Path bad = image("notes.png", "these are notes, not a picture".getBytes());
    InvalidOptionException e = rejects("path", bad, () -> spec().describe(ctx()));
    assertEquals(bad + ": not an image javax.imageio can read (PNG or JPEG)", e.problem());
  }

  @Test
  void pngDeclaring60000By60000PixelsIsRefusedFromItsHeader() throws Exception {
    Path huge = image("huge.png", DataFiles.pngDeclaring(60_000, 60_000));
    InvalidOptionException e = rejects("path", huge, () -> spec().describe(ctx()));
    assertTrue(e.problem().startsWith(huge + ": 60000×60000 pixels (3,600,000,000) are more than the 67,108,864 allowed"),
        e.problem());
    rejects("path", huge, () -> spec().open(ctx()));
  }

  @Test
  void jpegDeclaringEnormousDimensionsIsRefusedFromItsHeader() throws Exception {
    byte[] jpeg = encoded("jpg", 16, 16);
    // the baseline SOF0 marker FF C0: length (2 bytes), precision (1), then height and width (2 bytes each)
    int sof = 2; // after SOI, walk the marker segments (FF xx, then a 2-byte length) to SOF0
    while (jpeg[sof + 1] != (byte) 0xC0) {
      sof += 2 + (((jpeg[sof + 2] & 0xff) << 8) | (jpeg[sof + 3] & 0xff));
    }
    jpeg[sof + 5] = (byte) 0xEA; // height 60000 = 0xEA60
    jpeg[sof + 6] = 0x60;
    jpeg[sof + 7] = (byte) 0xEA;
    jpeg[sof + 8] = 0x60;
    Path huge = image("huge.jpg", jpeg);
    InvalidOptionException e = rejects("path", huge, () -> spec().describe(ctx()));
    assertTrue(e.problem().startsWith(huge + ": 60000×60000 pixels"), e.problem());
  }

  @Test
  void truncatedPngAndJpegAreRefusedNotFilledIn() throws Exception {
    byte[] png = encoded("png", 64, 64);
    Path cutPng = image("cut.png", Arrays.copyOf(png, png.length / 2));
    rejects("path", cutPng, () -> spec().describe(ctx()));
    Files.delete(cutPng);
    byte[] jpeg = encoded("jpg", 64, 64);
    Path cutJpeg = image("cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
    InvalidOptionException e = rejects("path", cutJpeg, () -> spec().describe(ctx()));
    assertTrue(e.problem().startsWith(cutJpeg + ": truncated: the image data ends early"), e.problem());
    assertEquals(e.problem(), rejects("path", cutJpeg, () -> spec().open(ctx())).problem());
  }

  @Test
  void fifoNamedLikeAnImageIsNamedAndNeverOpened() throws Exception {
    image("good.png", encoded("png", 8, 8));
    Path fifo = DataFiles.fifo(dir.resolve("images").resolve("pipe.png"));
    InvalidOptionException e = rejects("path", fifo, () -> spec().describe(ctx()));
    assertTrue(e.problem().contains("not a regular file"), e.problem());
  }

  @Test
  void severalBadFilesNameTheFirstInPathOrderAndCountTheOthers() throws Exception {
    image("a-good.png", encoded("png", 8, 8));
    Path first = image("b-bad.png", new byte[10]);
    image("c-bad.jpg", new byte[10]);
    image("d-bad.png", new byte[10]);
    InvalidOptionException e = rejects("path", first, () -> spec().describe(ctx()));
    assertTrue(e.problem().endsWith("(and 2 more images fail)"), e.problem());
  }

  @Test
  void imageReplacedAfterDescribeFailsOpenWithTheSameMessage() throws Exception {
    Path file = image("a.png", encoded("png", 8, 8));
    assertEquals(1, spec().describe(ctx()).size());
    Files.writeString(file, "gone bad");
    String opened = rejects("path", file, () -> spec().open(ctx())).problem();
    assertEquals(rejects("path", file, () -> spec().describe(ctx())).problem(), opened);
  }

  @Test
  void describeOfALargeImageDecodesItWithoutHoldingItsPixels() throws Exception {
    // 4000 × 4000 grey: 16 MB decoded at full size; describe decodes it subsampled into a tiny image
    BufferedImage big = new BufferedImage(4000, 4000, BufferedImage.TYPE_BYTE_GRAY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(big, "png", out));
    image("big.png", out.toByteArray());
    big = null;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long allocated = assertTimeoutPreemptively(DataFiles.QUICK, () -> {
      long before = threads.getCurrentThreadAllocatedBytes(); // one file: describe decodes it on this thread
      assertEquals(1, spec().describe(ctx()).size());
      return threads.getCurrentThreadAllocatedBytes() - before;
    });
    assertTrue(allocated < 8_000_000, "describe allocated " + allocated + " bytes");
    long before = threads.getCurrentThreadAllocatedBytes();
    spec().open(ctx());
    long full = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(full > 16_000_000, "open decodes at full size: " + full + " bytes");
  }
}
