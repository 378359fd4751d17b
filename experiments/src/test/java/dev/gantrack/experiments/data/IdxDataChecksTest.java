package dev.gantrack.experiments.data;

import static dev.gantrack.experiments.data.DataFiles.idx;
import static dev.gantrack.experiments.data.DataFiles.rejects;
import static dev.gantrack.experiments.data.DataFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code idx} reads through its files when it describes them, and refuses data that cannot train
 * (truncated, trailing, oversized, gzip bombs, FIFOs, labels out of range or not covering their
 * classes) within seconds, naming the option and the file.
 */
class IdxDataChecksTest {
  @TempDir Path dir;

  private PluginContext ctx() {
    return PluginContext.at(dir);
  }

  private static int[] mnist(int n) {
    return new int[] {n, 28, 28};
  }

  private static byte[] labels(int... values) throws Exception {
    byte[] body = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      body[i] = (byte) values[i];
    }
    return idx(new int[] {values.length}, body);
  }

  @ParameterizedTest(name = "gzipped={0}")
  @ValueSource(booleans = {false, true})
  void truncatedImagesFileFailsDescribeWithTheDeclaredAndThePresentBytes(boolean gzip) throws Exception {
    Path file = write(dir.resolve(gzip ? "short.gz" : "short"), idx(mnist(10_000), new byte[100]), gzip);
    InvalidOptionException e = rejects("images", file,
        () -> new IdxDataset(file.getFileName().toString(), null, null).describe(ctx()));
    assertEquals(file + ": truncated: the header declares 10000 images of 28×28 (7,840,000 bytes) but 100 bytes follow",
        e.problem());
  }

  @ParameterizedTest(name = "gzipped={0}")
  @ValueSource(booleans = {false, true})
  void dataAfterWhatTheHeaderDeclaresIsRefused(boolean gzip) throws Exception {
    Path file = write(dir.resolve(gzip ? "long.gz" : "long"), idx(mnist(2), new byte[2 * 784 + 10]), gzip);
    InvalidOptionException e = rejects("images", file,
        () -> new IdxDataset(file.getFileName().toString(), null, null).describe(ctx()));
    assertTrue(e.problem().startsWith(file + ": trailing data: the header declares 2 images of 28×28 (1,568 bytes) but "),
        e.problem());
  }

  @Test
  void plainHeaderClaimingTwoToTheThirtyOneImagesIsTruncatedWithoutReading() throws Exception {
    Path file = write(dir.resolve("huge"), idx(mnist(Integer.MAX_VALUE), new byte[100]), false);
    InvalidOptionException e = rejects("images", file, () -> new IdxDataset("huge", null, null).describe(ctx()));
    assertEquals(file + ": truncated: the header declares 2147483647 images of 28×28 (1,683,627,179,248 bytes)"
        + " but 100 bytes follow", e.problem());
  }

  @Test
  void gzippedHeaderClaimingTwoToTheThirtyOneImagesIsRefusedBeforeAnythingIsAllocated() throws Exception {
    Path file = write(dir.resolve("huge.gz"), idx(mnist(Integer.MAX_VALUE), new byte[100]), true);
    IdxDataset spec = new IdxDataset("huge.gz", null, null);
    for (var call : new org.junit.jupiter.api.function.Executable[] {() -> spec.describe(ctx()), () -> spec.open(ctx())}) {
      InvalidOptionException e = rejects("images", file, call);
      assertTrue(e.problem().startsWith(file + ": the header declares 2147483647 images of 28×28"
          + " (1,683,627,179,248 bytes), more than memory can hold: gantrack holds at most "), e.problem());
      assertTrue(e.problem().contains("set dataset.limit to load fewer"), e.problem());
    }
  }

  @Test
  void gzipBombIsReadOnlyAsFarAsTheHeaderDeclaresPlusOneByte() throws Exception {
    // 10 images declared, then 6.4 GB of zeros from a 7 MB file: reading it whole would take many seconds
    Path file = DataFiles.gzipBomb(dir.resolve("bomb.gz"), idx(mnist(10), new byte[10 * 784]), 100);
    assertTrue(Files.size(file) < 16_000_000, "bomb on disk: " + Files.size(file));
    InvalidOptionException e = rejects("images", file, () -> new IdxDataset("bomb.gz", null, null).describe(ctx()));
    assertEquals(file + ": trailing data: the header declares 10 images of 28×28 (7,840 bytes) but more bytes follow;"
        + " the header does not describe the data", e.problem());
  }

  @Test
  void withALimitAGzipBombIsReadOnlyAsFarAsTheExamplesInUse() throws Exception {
    // the header declares 1,000,000 images and the file does expand to 6.4 GB: limit 5 reads 5 of them
    Path file = DataFiles.gzipBomb(dir.resolve("bomb.gz"), idx(mnist(1_000_000), new byte[0]), 100);
    IdxDataset spec = new IdxDataset("bomb.gz", null, 5);
    DataShape shape = assertTimeoutPreemptively(DataFiles.QUICK, () -> spec.describe(ctx()));
    assertEquals(new DataShape(new int[] {1, 28, 28}, 0, 5), shape);
    assertEquals(5, assertTimeoutPreemptively(DataFiles.QUICK, () -> spec.open(ctx())).shape().size());
  }

  @Test
  void fifoIsNeverOpenedForReading() throws Exception {
    Path fifo = DataFiles.fifo(dir.resolve("pipe"));
    InvalidOptionException e = rejects("images", fifo, () -> new IdxDataset("pipe", null, null).describe(ctx()));
    assertTrue(e.problem().contains("not a regular file"), e.problem());
    write(dir.resolve("img"), idx(mnist(1), new byte[784]), false);
    rejects("labels", fifo, () -> new IdxDataset("img", "pipe", null).open(ctx()));
  }

  @Test
  void labelsThatAreAll255AreRefusedRatherThanBecoming256Classes() throws Exception {
    write(dir.resolve("img"), idx(mnist(4), new byte[4 * 784]), false);
    Path file = write(dir.resolve("lab"), labels(255, 255, 255, 255), false);
    InvalidOptionException e = rejects("labels", file, () -> new IdxDataset("img", "lab", null).describe(ctx()));
    assertEquals(file + ": every label is 255, so classes would be 0 to 255 (256 classes) with 255 of them never"
        + " used (0, 1, 2, 3, 4, 5, 6, 7, ...); set dataset.classes: 256 if that is meant, renumber the labels from 0"
        + " without gaps, or leave out dataset.labels to train unlabelled", e.problem());
  }

  @Test
  void labelsSkippingAValueNameTheUnusedClasses() throws Exception {
    write(dir.resolve("img"), idx(mnist(4), new byte[4 * 784]), false);
    Path file = write(dir.resolve("lab"), labels(0, 1, 3, 5), false);
    InvalidOptionException e = rejects("labels", file, () -> new IdxDataset("img", "lab", null).describe(ctx()));
    assertTrue(e.problem().startsWith(file + ": the labels take 4 values from 0 to 5, so classes would be 0 to 5"
        + " (6 classes) with 2 of them never used (2, 4); set dataset.classes: 6"), e.problem());
  }

  @Test
  void explicitClassesAcceptUnusedClassesAndRefuseLabelsAtOrAboveThem() throws Exception {
    write(dir.resolve("img"), idx(mnist(4), new byte[4 * 784]), false);
    Path file = write(dir.resolve("lab"), labels(0, 1, 3, 5), false);
    assertEquals(new DataShape(new int[] {1, 28, 28}, 6, 4), new IdxDataset("img", "lab", null, 6).describe(ctx()));
    assertEquals(10, new IdxDataset("img", "lab", null, 10).open(ctx()).shape().numClasses());
    InvalidOptionException e = rejects("labels", file, () -> new IdxDataset("img", "lab", null, 4).describe(ctx()));
    assertEquals(file + ": 1 label is outside 0 to 3 (classes: 4), the first 5 at example 3 (counting from 0);"
        + " raise dataset.classes or fix the labels", e.problem());
  }

  @Test
  void classesWithoutLabelsOrOutOfRangeIsAnOptionError() {
    assertEquals("classes", org.junit.jupiter.api.Assertions.assertThrows(InvalidOptionException.class,
        () -> new IdxDataset("img", null, null, 10)).option());
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(InvalidOptionException.class,
        () -> new IdxDataset("img", "lab", null, 257)).problem().contains("allowed 1 to 256"));
  }

  @Test
  void labelsCountDifferentFromTheImagesIsRefusedNamingBothFiles() throws Exception {
    Path images = write(dir.resolve("img.gz"), idx(mnist(3), new byte[3 * 784]), true);
    Path file = write(dir.resolve("lab.gz"), labels(0, 1, 0, 1), true);
    InvalidOptionException e = rejects("labels", file, () -> new IdxDataset("img.gz", "lab.gz", null).describe(ctx()));
    assertEquals(file + ": holds 4 labels but " + images + " holds 3 images; the counts must be equal", e.problem());
  }

  @Test
  void labelsFileTruncatedAfterItsHeaderIsRefused() throws Exception {
    write(dir.resolve("img"), idx(mnist(3), new byte[3 * 784]), false);
    byte[] full = labels(0, 1, 2);
    Path file = write(dir.resolve("lab.gz"), Arrays.copyOf(full, full.length - 2), true);
    InvalidOptionException e = rejects("labels", file, () -> new IdxDataset("img", "lab.gz", null).describe(ctx()));
    assertEquals(file + ": truncated: the header declares 3 labels (3 bytes) but 1 byte follows", e.problem());
  }

  @Test
  void dataChangedAfterDescribeFailsOpenWithTheSameMessage() throws Exception {
    Path file = write(dir.resolve("img.gz"), idx(mnist(3), new byte[3 * 784]), true);
    write(dir.resolve("lab.gz"), labels(0, 1, 2), true);
    IdxDataset spec = new IdxDataset("img.gz", "lab.gz", null);
    assertEquals(new DataShape(new int[] {1, 28, 28}, 3, 3), spec.describe(ctx()));
    write(file, idx(mnist(3), new byte[2 * 784]), true);
    String opened = rejects("images", file, () -> spec.open(ctx())).problem();
    assertEquals(rejects("images", file, () -> spec.describe(ctx())).problem(), opened);
    assertTrue(opened.contains("but 1,568 bytes follow"), opened);

    write(file, idx(mnist(3), new byte[3 * 784]), true);
    Path lab = write(dir.resolve("lab.gz"), labels(7, 7, 7), true);
    assertTrue(rejects("labels", lab, () -> spec.open(ctx())).problem().contains("every label is 7"));
  }
}
