package dev.gantrack.experiments.data;

import dev.gantrack.api.spec.FileOption;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.spec.DatasetSpec;
import java.io.IOException;
import java.util.Objects;

/**
 * Dataset {@code idx}: images in an IDX file (the format of MNIST and Fashion-MNIST), gzipped or
 * plain, with optional labels in a second IDX file. Pixels are unsigned bytes scaled to {@code
 * byte / 255 * 2 - 1}.
 *
 * <p>Image files may have 2 dimensions ({@code N×D}: examples of shape {@code {D}}), 3 ({@code
 * N×H×W}: one channel) or 4. A 4-dimensional file is read as {@code N×H×W×C} when its last
 * dimension is 1, 3 or 4, otherwise as {@code N×C×H×W}; examples are always handed out as
 * (C,H,W). The class count is {@code classes}, or else inferred from the labels (see {@link
 * IdxLabels}).
 *
 * <p>{@link #describe} reads through the data once, holding one buffer: the examples in use
 * against the header and the bytes present, the labels' count and values. {@link #open} makes
 * the same checks while it loads, in the same single pass, so data changed since validation fails
 * with the same messages. Sizes beyond what memory can hold are refused from the header alone.
 * With {@code limit}, a gzipped images file is read only as far as the examples in use.
 */
public final class IdxDataset implements DatasetSpec {
  /** The name in experiment files. */
  public static final String TYPE = "idx";

  private static final String IMAGES = "images";

  private final String images;
  private final String labels;
  private final Integer limit;
  private final Integer classes;

  /**
   * @param images the IDX images file (required); relative paths resolve against the experiment
   *     file's folder
   * @param labels the IDX labels file, or null for unlabelled data
   * @param limit the most examples to use (the first ones), or null for all
   * @param classes the number of classes, or null to infer it from the labels
   */
  @JsonCreator
  public IdxDataset(
      @JsonProperty("images") String images,
      @JsonProperty("labels") String labels,
      @JsonProperty("limit") Integer limit,
      @JsonProperty("classes") Integer classes) {
    this.images = nonBlank(IMAGES, Checks.required(IMAGES, images));
    this.labels = labels == null ? null : nonBlank(IdxLabels.OPTION, labels);
    this.limit = Checks.optionalRange("limit", limit, 1, Integer.MAX_VALUE);
    this.classes = Checks.optionalRange("classes", classes, 1, 256);
    if (classes != null && labels == null) {
      throw new InvalidOptionException("classes", "is set but labels is not; classes counts the classes of a"
          + " labels file, so set labels too or leave classes out");
    }
  }

  /** Without a class count: inferred from the labels. */
  public IdxDataset(String images, String labels, Integer limit) {
    this(images, labels, limit, null);
  }

  private static String nonBlank(String option, String path) {
    if (path.isBlank()) {
      throw new InvalidOptionException(option, "empty; allowed a path to an IDX file");
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
      "IDX file of one unsigned-byte label per image; leave out for unlabelled data")
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

  /** The number of classes, or null to infer it. */
  @JsonProperty("classes")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyDescription(
      "Number of classes; every label must be below it. Leave out to use the largest label + 1,"
          + " which must then leave no value from 0 up unused")
  public Integer classes() {
    return classes;
  }

  @Override
  public DataShape describe(PluginContext context) throws IOException {
    return load(context, false).shape();
  }

  @Override
  public DataSource open(PluginContext context) throws IOException {
    Loaded loaded = load(context, true);
    return new ArraySource(loaded.shape(), loaded.data(), loaded.labels(), context.resolve(images).getParent());
  }

  /** The shape, and when kept the examples in (C,H,W) order and their labels (else null). */
  private record Loaded(DataShape shape, byte[] data, int[] labels) {}

  private Loaded load(PluginContext context, boolean keep) throws IOException {
    byte[] data = null;
    IdxFile.Header h;
    Layout layout;
    int size;
    try (IdxFile idx = IdxFile.open(context.resolve(images), IMAGES)) {
      h = idx.header();
      layout = layout(h);
      size = limit == null ? h.count() : Math.min(limit, h.count());
      long bytes = checkFits(h, size, layout.channelsLast ? 2 : 1);
      data = keep ? new byte[(int) bytes] : null;
      idx.read(bytes, keep ? IdxFile.into(data) : IdxFile.SKIP);
      if (size == h.count()) {
        idx.end();
      }
    }
    if (keep && layout.channelsLast) {
      data = toChannelsFirst(data, size, layout.shape);
    }
    int numClasses = 0;
    int[] values = null;
    if (labels != null) {
      IdxLabels l = IdxLabels.read(context.resolve(labels), h, size, classes, keep);
      numClasses = l.numClasses();
      values = l.values();
    }
    return new Loaded(new DataShape(layout.shape, numClasses, size), data, values);
  }

  /** The bytes of the {@code size} examples in use, refused when memory cannot hold them. */
  private long checkFits(IdxFile.Header h, int size, int copies) {
    long example = h.exampleBytes();
    if (example > HeapBudget.bytes() || !HeapBudget.fits(size * example, copies)) {
      String what = size == h.count()
          ? "the header declares " + h.declares(size)
          : "limit: " + limit + " keeps " + h.declares(size);
      throw DataProblem.of(IMAGES, h.file(), what + ", more than memory can hold: "
          + HeapBudget.explain(copies) + "; set dataset.limit to load fewer, or give Java more memory (-Xmx)");
    }
    return size * example;
  }

  /** One example's (C,H,W) shape, and whether the file stores channels last. */
  private record Layout(int[] shape, boolean channelsLast) {}

  private static Layout layout(IdxFile.Header h) {
    int[] d = h.dims();
    return switch (d.length) {
      case 2 -> new Layout(new int[] {d[1]}, false);
      case 3 -> new Layout(new int[] {1, d[1], d[2]}, false);
      case 4 -> isChannelCount(d[3])
          ? new Layout(new int[] {d[3], d[1], d[2]}, true)
          : new Layout(new int[] {d[1], d[2], d[3]}, false);
      default -> throw DataProblem.of(IMAGES, h.file(),
          "not an images file: its IDX header has 1 dimension (magic 0x00000801, a"
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

  @Override
  public boolean equals(Object o) {
    return o instanceof IdxDataset d
        && images.equals(d.images)
        && Objects.equals(labels, d.labels)
        && Objects.equals(limit, d.limit)
        && Objects.equals(classes, d.classes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(images, labels, limit, classes);
  }

  @Override
  public String toString() {
    return TYPE + "{images=" + images + (labels == null ? "" : ", labels=" + labels)
        + (limit == null ? "" : ", limit=" + limit) + (classes == null ? "" : ", classes=" + classes) + "}";
  }
}
