package dev.gantrack.trackers.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event file writer on its own (no Python): naming, framing, flushing, failure handling. */
class EventFileWriterTest {

  @TempDir Path tmp;

  @Test
  void createsOneEventFileNamedLikeTensorFlowsInTheDirectory() throws IOException {
    Path dir = tmp.resolve("a/b");
    try (EventFileWriter w = new EventFileWriter(dir, 2)) {
      assertTrue(w.isEnabled());
      String name = w.file().getFileName().toString();
      assertTrue(
          name.matches("events\\.out\\.tfevents\\.\\d{10}\\.[A-Za-z0-9._-]+\\.\\d+\\.\\d+"), name);
      assertTrue(name.contains("." + ProcessHandle.current().pid() + "."), name);
      assertEquals(dir, w.file().getParent());
    }
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void twoWritersInOneDirectoryGetDistinctFiles() {
    try (EventFileWriter a = new EventFileWriter(tmp, 2);
        EventFileWriter b = new EventFileWriter(tmp, 2)) {
      assertNotEquals(a.file(), b.file());
    }
  }

  @Test
  void firstRecordIsTheFileVersionEvent() {
    Path file;
    try (EventFileWriter w = new EventFileWriter(tmp, 2)) {
      file = w.file();
    }
    List<byte[]> records = Records.read(file);
    assertEquals(1, records.size());
    byte[] event = records.get(0);
    // field 1 (wall_time, fixed64) then field 3 (file_version, length-delimited)
    assertEquals(0x09, event[0]);
    double wallTime = java.nio.ByteBuffer.wrap(event, 1, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getDouble();
    assertTrue(Math.abs(wallTime - System.currentTimeMillis() / 1000.0) < 60, "wall time " + wallTime);
    assertEquals(0x1a, event[9]);
    assertEquals(EventFileWriter.FILE_VERSION.length(), event[10]);
    assertEquals(
        EventFileWriter.FILE_VERSION,
        new String(event, 11, event.length - 11, StandardCharsets.UTF_8));
  }

  @Test
  void everyWriteIsOneCrcCheckedRecord() throws IOException {
    Path file;
    try (EventFileWriter w = new EventFileWriter(tmp, 2)) {
      file = w.file();
      w.scalars(1, Map.of("d_loss", 0.5, "g_loss", 1.5));
      w.image(2, "samples", png(4, 3, BufferedImage.TYPE_INT_RGB), 4, 3);
      w.histogram(3, "w", new float[] {1, 2, 3});
      w.text(0, "t", "hello");
      w.customScalarsLayout(TensorBoardTracker.LAYOUT);
      w.hparamsSessionStart(Map.of("a", 1.0, "b", true, "c", "x"), "g", 1.0);
      w.hparamsExperiment(Map.of("a", 1.0), List.of("d_loss"), 1.0);
      w.hparamsSessionEnd(EventFileWriter.SessionStatus.SUCCESS, 2.0);
    }
    assertEquals(9, Records.read(file).size());
  }

  @Test
  void eventsAreBufferedUntilTheFlushIntervalOrFlush() throws IOException {
    try (EventFileWriter w = new EventFileWriter(tmp, 3600)) {
      long afterHeader = Files.size(w.file());
      w.scalar(1, "x", 1);
      assertEquals(afterHeader, Files.size(w.file()), "buffered");
      w.flush();
      assertTrue(Files.size(w.file()) > afterHeader, "flushed");
    }
  }

  @Test
  void zeroFlushSecondsFlushesEveryEvent() throws IOException {
    try (EventFileWriter w = new EventFileWriter(tmp, 0)) {
      long before = Files.size(w.file());
      w.scalar(1, "x", 1);
      assertTrue(Files.size(w.file()) > before);
    }
  }

  @Test
  void closeWritesEverythingAndLaterCallsAreIgnored() throws IOException {
    EventFileWriter w = new EventFileWriter(tmp, 3600);
    for (int i = 0; i < 10; i++) {
      w.scalar(i, "x", i);
    }
    w.close();
    assertFalse(w.isEnabled());
    assertEquals(11, Records.read(w.file()).size());
    long size = Files.size(w.file());
    assertDoesNotThrow(() -> w.scalar(99, "x", 1));
    assertDoesNotThrow(w::flush);
    assertDoesNotThrow(w::close);
    assertEquals(size, Files.size(w.file()));
  }

  @Test
  void unwritableDirectoryDisablesTheWriterWithoutThrowing() throws IOException {
    Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
    EventFileWriter w = assertDoesNotThrow(() -> new EventFileWriter(notADirectory.resolve("run"), 2));
    assertFalse(w.isEnabled());
    assertNull(w.file());
    assertDoesNotThrow(
        () -> {
          w.scalar(1, "x", 1);
          w.image(1, "i", new byte[] {1}, 1, 1);
          w.histogram(1, "h", new float[] {1});
          w.text(1, "t", "x");
          w.customScalarsLayout(TensorBoardTracker.LAYOUT);
          w.hparamsSessionStart(Map.of(), "", 0);
          w.hparamsExperiment(Map.of(), List.of(), 0);
          w.hparamsSessionEnd(EventFileWriter.SessionStatus.SUCCESS, 0);
          w.flush();
          w.close();
        });
  }

  @Test
  void nullArgumentsAreIgnoredAndTheWriterStaysEnabled() {
    try (EventFileWriter w = new EventFileWriter(tmp, 0)) {
      Map<String, Double> withNullValue = new java.util.HashMap<>();
      withNullValue.put("x", null);
      assertDoesNotThrow(
          () -> {
            w.scalars(1, null);
            w.scalars(1, withNullValue);
            w.image(1, null, new byte[] {1}, 1, 1);
            w.image(1, "i", null, 1, 1);
            w.histogram(1, "h", null);
            w.text(1, "t", null);
            w.customScalarsLayout(null);
            w.hparamsSessionStart(null, null, 0);
            w.hparamsExperiment(Map.of(), null, 0);
            w.hparamsSessionEnd(null, 0);
          });
      assertTrue(w.isEnabled());
      w.flush();
      assertEquals(2, Records.read(w.file()).size(), "file version + the NaN scalar");
    }
  }

  @Test
  void histogramBucketsAreEqualWidthAndCountEveryFiniteValue() {
    float[] values = new float[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i / 10f; // 0 .. 99.9
    }
    Histogram h = Histogram.of(values, 30);
    assertEquals(0, h.min());
    assertEquals(99.9f, h.max());
    assertEquals(1000, h.num());
    assertEquals(30, h.bucket().length);
    assertEquals(30, h.bucketLimit().length);
    assertEquals(h.max(), h.bucketLimit()[29]);
    assertEquals(1000, Arrays.stream(h.bucket()).sum());
    double width = h.bucketLimit()[0] - h.min();
    for (int i = 1; i < 30; i++) {
      assertEquals(width, h.bucketLimit()[i] - h.bucketLimit()[i - 1], 1e-9);
    }
    // every value lies in [limit[i-1], limit[i]) of its bucket; recount to check
    double[] recount = new double[30];
    for (float f : values) {
      int i = 0;
      while (i < 29 && f >= h.bucketLimit()[i]) {
        i++;
      }
      recount[i]++;
    }
    assertArrayEquals(recount, h.bucket());
    double sum = 0;
    double sq = 0;
    for (float f : values) {
      sum += f;
      sq += (double) f * f;
    }
    assertEquals(sum, h.sum(), 1e-9);
    assertEquals(sq, h.sumSquares(), 1e-6);
  }

  @Test
  void histogramLeavesOutNaNAndInfinities() {
    Histogram h =
        Histogram.of(
            new float[] {1, Float.NaN, 2, Float.POSITIVE_INFINITY, 3, Float.NEGATIVE_INFINITY}, 30);
    assertEquals(3, h.num());
    assertEquals(1, h.min());
    assertEquals(3, h.max());
    assertEquals(6, h.sum());
  }

  @Test
  void histogramOfEqualValuesIsOneBucket() {
    Histogram h = Histogram.of(new float[] {2, 2, 2}, 30);
    assertArrayEquals(new double[] {2}, h.bucketLimit());
    assertArrayEquals(new double[] {3}, h.bucket());
  }

  @Test
  void histogramWithoutFiniteValuesIsNotWritten() {
    assertNull(Histogram.of(new float[] {Float.NaN}, 30));
    assertNull(Histogram.of(new float[0], 30));
  }

  @Test
  void colorspaceFollowsThePngHeader() throws IOException {
    assertEquals(1, Summaries.pngColorspace(png(2, 2, BufferedImage.TYPE_BYTE_GRAY)));
    assertEquals(3, Summaries.pngColorspace(png(2, 2, BufferedImage.TYPE_INT_RGB)));
    assertEquals(4, Summaries.pngColorspace(png(2, 2, BufferedImage.TYPE_INT_ARGB)));
    assertEquals(3, Summaries.pngColorspace(new byte[] {1, 2, 3}));
  }

  static byte[] png(int width, int height, int type) throws IOException {
    BufferedImage img = new BufferedImage(width, height, type);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(x, y, 0xFF000000 | (x * 255 / Math.max(1, width - 1)) << 16 | (y * 255 / Math.max(1, height - 1)) << 8);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
