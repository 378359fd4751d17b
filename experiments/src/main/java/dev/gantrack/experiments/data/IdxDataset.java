package dev.gantrack.experiments.data;

import dev.gantrack.api.spec.FileOption;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.spec.DatasetSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Dataset {@code idx}: images in an IDX file (the format of MNIST and Fashion-MNIST), gzipped or
 * plain, with optional labels in a second IDX file. Pixels are unsigned bytes scaled to {@code
 * byte / 255 * 2 - 1}.
 *
 * <p>Image files may have 2 dimensions ({@code N×D}: examples of shape {@code {D}}), 3 ({@code
 * N×H×W}: one channel) or 4. A 4-dimensional file is read as {@code N×H×W×C} when its last
 * dimension is 1, 3 or 4, otherwise as {@code N×C×H×W}; examples are always handed out as
 * (C,H,W). With labels, the class count is the largest label plus one.
 */
public final class IdxDataset implements DatasetSpec {
  /** The name in experiment files. */
  public static final String TYPE = "idx";

  private final String images;
  private final String labels;
  private final Integer limit;

  /**
   * @param images the IDX images file (required); relative paths resolve against the experiment
   *     file's folder
   * @param labels the IDX labels file, or null for unlabelled data
   * @param limit the most examples to use (the first ones), or null for all
   */
  @JsonCreator
  public IdxDataset(
      @JsonProperty("images") String images,
      @JsonProperty("labels") String labels,
      @JsonProperty("limit") Integer limit) {
    this.images = nonBlank("images", Checks.required("images", images));
    this.labels = labels == null ? null : nonBlank("labels", labels);
    this.limit = limit == null ? null : Checks.range("limit", limit, 0, 1, Integer.MAX_VALUE);
  }

  private static String nonBlank(String option, String path) {
    if (path.isBlank()) {
      throw new IllegalArgumentException(option + ": empty; allowed a path to an IDX file");
    }
    return path;
  }

  /** The images file. */
  @FileOption
  @JsonProperty("images")
  @JsonPropertyDescription(
      "IDX file of unsigned-byte images (e.g. train-images-idx3-ubyte.gz), gzipped or plain;"
          + " relative to the experiment file")
  public String images() {
    return images;
  }

  /** The labels file, or null. */
  @FileOption
  @JsonProperty("labels")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyDescription(
      "IDX file of one unsigned-byte label per image; classes are 0 to the largest label."
          + " Leave out for unlabelled data")
  public String labels() {
    return labels;
  }

  /** The most examples to use, or null for all. */
  @JsonProperty("limit")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyDescription("Use only the first this many examples; leave out for all")
  public Integer limit() {
    return limit;
  }

  @Override
  public DataShape describe(PluginContext context) throws IOException {
    IdxFile.Header h = IdxFile.header(context.resolve(images));
    Layout layout = layout(h);
    int numClasses = labels == null ? 0 : readLabels(context, h).numClasses;
    return new DataShape(layout.shape, numClasses, size(h));
  }

  @Override
  public DataSource open(PluginContext context) throws IOException {
    IdxFile.Contents contents =
        IdxFile.read(context.resolve(images), limit == null ? Integer.MAX_VALUE : limit);
    IdxFile.Header h = contents.header();
    Layout layout = layout(h);
    int size = size(h);
    byte[] data = layout.channelsLast ? toChannelsFirst(contents.data(), size, layout.shape) : contents.data();
    int numClasses = 0;
    int[] classes = null;
    if (labels != null) {
      Labels l = readLabels(context, h);
      numClasses = l.numClasses;
      classes = Arrays.copyOf(l.values, size);
    }
    return new ArraySource(new DataShape(layout.shape, numClasses, size), data, classes);
  }

  private int size(IdxFile.Header h) {
    return limit == null ? h.count() : Math.min(limit, h.count());
  }

  /** One example's (C,H,W) shape, and whether the file stores channels last. */
  private record Layout(int[] shape, boolean channelsLast) {}

  private static Layout layout(IdxFile.Header h) throws IOException {
    int[] d = h.dims();
    return switch (d.length) {
      case 2 -> new Layout(new int[] {d[1]}, false);
      case 3 -> new Layout(new int[] {1, d[1], d[2]}, false);
      case 4 -> isChannelCount(d[3])
          ? new Layout(new int[] {d[3], d[1], d[2]}, true)
          : new Layout(new int[] {d[1], d[2], d[3]}, false);
      default -> throw new IOException(
          h.file() + ": not an images file: its IDX header has 1 dimension (magic 0x00000801, a"
              + " labels file?); images need 2 to 4 (0x00000802 to 0x00000804)");
    };
  }

  private static boolean isChannelCount(int n) {
    return n == 1 || n == 3 || n == 4;
  }

  private static byte[] toChannelsFirst(byte[] hwc, int n, int[] chw) {
    int c = chw[0];
    int hw = chw[1] * chw[2];
    int len = c * hw;
    byte[] out = new byte[hwc.length];
    for (int e = 0; e < n; e++) {
      int base = e * len;
      for (int p = 0; p < hw; p++) {
        for (int k = 0; k < c; k++) {
          out[base + k * hw + p] = hwc[base + p * c + k];
        }
      }
    }
    return out;
  }

  private record Labels(int[] values, int numClasses) {}

  private Labels readLabels(PluginContext context, IdxFile.Header imagesHeader) throws IOException {
    Path file = context.resolve(labels);
    IdxFile.Contents contents = IdxFile.read(file, Integer.MAX_VALUE);
    int[] dims = contents.header().dims();
    if (dims.length != 1) {
      throw new IOException(
          file + ": not a labels file: its IDX header has " + dims.length + " dimensions"
              + String.format(" (magic 0x%08X)", 0x800 | dims.length)
              + "; labels need 1 (0x00000801)");
    }
    if (dims[0] != imagesHeader.count()) {
      throw new IOException(
          file + ": holds " + dims[0] + " labels but " + imagesHeader.file() + " holds "
              + imagesHeader.count() + " images; the counts must be equal");
    }
    byte[] raw = contents.data();
    int[] values = new int[raw.length];
    int max = 0;
    for (int i = 0; i < raw.length; i++) {
      values[i] = raw[i] & 0xff;
      max = Math.max(max, values[i]);
    }
    return new Labels(values, max + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdxDataset d
        && images.equals(d.images)
        && Objects.equals(labels, d.labels)
        && Objects.equals(limit, d.limit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(images, labels, limit);
  }

  @Override
  public String toString() {
    return TYPE + "{images=" + images + (labels == null ? "" : ", labels=" + labels)
        + (limit == null ? "" : ", limit=" + limit) + "}";
  }
}
