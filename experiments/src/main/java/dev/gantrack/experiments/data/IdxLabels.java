package dev.gantrack.experiments.data;

import dev.gantrack.api.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The labels of an {@code idx} dataset: a one-dimensional IDX file with one unsigned byte per
 * image, read through once. The number of classes is either given ({@code classes:}, and every
 * label must be below it) or inferred as the largest label plus one, which is honest only when
 * every value from 0 to the largest occurs: labels that skip values (all 255, say) are refused
 * with the ways out, rather than silently becoming 256 classes, most of them empty.
 *
 * @param values the first {@code size} labels, or null when only checked
 * @param numClasses the number of classes
 */
record IdxLabels(int[] values, int numClasses) {
  static final String OPTION = "labels";
  private static final int LISTED = 8;

  /**
   * Reads and checks {@code file} against the images' header; keeps the first {@code size} labels
   * when {@code keep}.
   *
   * @param classes the class count the experiment gives, or null to infer it
   */
  static IdxLabels read(Path file, IdxFile.Header images, int size, Integer classes, boolean keep) throws IOException {
    long[] counts = new long[256];
    int[] values = keep ? new int[size] : null;
    long[] firstOutside = {-1, 0};
    try (IdxFile idx = IdxFile.open(file, OPTION)) {
      IdxFile.Header h = idx.header();
      int[] dims = h.dims();
      if (dims.length != 1) {
        throw DataProblem.of(OPTION, file, "not a labels file: its IDX header has " + dims.length + " dimensions"
            + String.format(" (magic 0x%08X)", 0x800 | dims.length) + "; labels need 1 (0x00000801)");
      }
      if (h.count() != images.count()) {
        throw DataProblem.of(OPTION, file, "holds " + h.count() + " labels but " + images.file() + " holds "
            + images.count() + " images; the counts must be equal");
      }
      int limit = classes == null ? 256 : classes;
      long[] at = {0};
      idx.read(h.count(), (buffer, offset, length) -> {
        for (int i = offset; i < offset + length; i++, at[0]++) {
          int v = buffer[i] & 0xff;
          counts[v]++;
          if (values != null && at[0] < size) {
            values[(int) at[0]] = v;
          }
          if (v >= limit && firstOutside[0] < 0) {
            firstOutside[0] = at[0];
            firstOutside[1] = v;
          }
        }
      });
      idx.end();
    }
    int numClasses = classes == null ? inferred(file, counts) : checked(file, counts, classes, firstOutside);
    return new IdxLabels(values, numClasses);
  }

  private static int checked(Path file, long[] counts, int classes, long[] firstOutside) {
    if (firstOutside[0] < 0) {
      return classes;
    }
    long outside = 0;
    for (int v = classes; v < 256; v++) {
      outside += counts[v];
    }
    throw DataProblem.of(OPTION, file, outside + (outside == 1 ? " label is" : " labels are") + " outside 0 to " + (classes - 1) + " (classes: " + classes
        + "), the first " + firstOutside[1] + " at example " + firstOutside[0] + " (counting from 0);"
        + " raise dataset.classes or fix the labels");
  }

  private static int inferred(Path file, long[] counts) {
    int max = 255;
    while (counts[max] == 0) {
      max--;
    }
    List<Integer> missing = new ArrayList<>();
    for (int v = 0; v < max; v++) {
      if (counts[v] == 0) {
        missing.add(v);
      }
    }
    if (missing.isEmpty()) {
      return max + 1;
    }
    int present = max + 1 - missing.size();
    String taken = present == 1
        ? "every label is " + max
        : "the labels take " + present + " values from " + firstPresent(counts) + " to " + max;
    String listed = missing.stream().limit(LISTED).map(String::valueOf).collect(Collectors.joining(", "))
        + (missing.size() > LISTED ? ", ..." : "");
    throw DataProblem.of(OPTION, file, taken + ", so classes would be 0 to " + max + " (" + (max + 1) + " classes) with "
        + missing.size() + " of them never used (" + listed + "); set dataset.classes: " + (max + 1)
        + " if that is meant, renumber the labels from 0 without gaps, or leave out dataset.labels to train unlabelled");
  }

  private static int firstPresent(long[] counts) {
    int v = 0;
    while (counts[v] == 0) {
      v++;
    }
    return v;
  }
}
