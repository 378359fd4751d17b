package dev.gantrack.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.experiments.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data files that cannot train are caught by {@code gantrack validate} and {@code gantrack run}:
 * exit code 2, one line {@code error: <experiment>: dataset.<option>: <data file>: <problem>}, no
 * run folder, within seconds.
 */
class BadDataFilesCliTest {
  @TempDir Path dir;

  private record Outcome(int code, String err, long millis) {}

  private static Outcome gantrack(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long t0 = System.nanoTime();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, err.toString().strip(), (System.nanoTime() - t0) / 1_000_000);
  }

  private static byte[] idx(int[] dims, int bodyBytes, int fill) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x800 | dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    for (int i = 0; i < bodyBytes; i++) {
      out.write(fill);
    }
    return bytes.toByteArray();
  }

  private Path experiment(String dataset) throws IOException {
    Path f = dir.resolve("x.yaml");
    Files.writeString(f, TestFiles.TINY_RING.replace("{type: ring}", dataset));
    return f;
  }

  /** validate and run both exit 2 with exactly {@code line} on stderr, quickly, and run creates no folder. */
  private void assertRefused(Path experiment, String line) {
    Outcome v = gantrack("validate", experiment.toString());
    assertEquals(2, v.code(), v.err());
    assertEquals(line, v.err());
    Path runs = dir.resolve("runs");
    Outcome r = gantrack("run", experiment.toString(), "--runs", runs.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(line, r.err());
    assertFalse(Files.exists(runs), "no runs folder may be created");
    assertTrue(v.millis() < 5000 && r.millis() < 5000, "validate took " + v.millis() + " ms, run " + r.millis() + " ms");
  }

  @Test
  void truncatedImagesFileIsOneLineNamingDatasetImagesAndTheFile() throws IOException {
    Path images = Files.write(dir.resolve("images-idx3-ubyte"), idx(new int[] {10_000, 28, 28}, 100, 0));
    Path f = experiment("{type: idx, images: images-idx3-ubyte}");
    assertRefused(f, "error: " + f + ": dataset.images: " + images
        + ": truncated: the header declares 10000 images of 28×28 (7,840,000 bytes) but 100 bytes follow");
  }

  @Test
  void labelsThatAreAll255AreOneLineNamingDatasetLabels() throws IOException {
    Files.write(dir.resolve("img"), idx(new int[] {3, 28, 28}, 3 * 784, 0));
    Path labels = Files.write(dir.resolve("lab"), idx(new int[] {3}, 3, 255));
    Path f = experiment("{type: idx, images: img, labels: lab}");
    Outcome v = gantrack("validate", f.toString());
    assertEquals(2, v.code(), v.err());
    assertEquals(1, v.err().lines().count(), v.err());
    assertTrue(v.err().startsWith("error: " + f + ": dataset.labels: " + labels + ": every label is 255"), v.err());
    assertTrue(v.err().contains("set dataset.classes: 256"), v.err());
  }

  @Test
  void notAnImageInAnImageFolderIsOneLineNamingDatasetPathAndTheFile() throws IOException {
    Path bad = Files.writeString(Files.createDirectories(dir.resolve("faces")).resolve("readme.jpg"), "not a photo");
    Path f = experiment("{type: image-folder, path: faces, size: 8}");
    assertRefused(f, "error: " + f + ": dataset.path: " + bad + ": not an image javax.imageio can read (PNG or JPEG)");
  }
}
