package dev.gantrack.experiments.data;

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
import dev.gantrack.api.spec.FileOption;
import java.io.IOException;
import java.util.Objects;

/**
 * Dataset {@code stacked-mnist}: the 1,000-mode benchmark of the mode-collapse papers (Metz et al.
 * 2017, Unrolled GANs; PacGAN, Lin et al. 2018). Each example stacks three digits drawn at random from
 * an MNIST IDX file as the three channels of a 3×28×28 image; its class, when labels are given, is
 * the mode {@code 100·first + 10·second + third} of 1,000. Example i's digits are fixed by {@code seed}
 * and i, so the {@code size} examples are the same data every time without being stored.
 */
public final class StackedMnistDataset implements DatasetSpec {
  /** The name in experiment files. */
  public static final String TYPE = "stacked-mnist";
  static final int CHANNELS = 3;

  private final String images;
  private final String labels;
  private final int size;
  private final long seed;

  /**
   * @param images the IDX file of digits (required)
   * @param labels their labels, or null for unlabelled data
   * @param size stacked examples; null for 60,000
   * @param seed which digits each example stacks; null for 0
   */
  @JsonCreator
  public StackedMnistDataset(@JsonProperty("images") String images, @JsonProperty("labels") String labels,
      @JsonProperty("size") Integer size, @JsonProperty("seed") Long seed) {
    this.images = Checks.required("images", images);
    if (images.isBlank() || labels != null && labels.isBlank()) {
      throw new InvalidOptionException(images.isBlank() ? "images" : "labels", "empty; allowed a path to an IDX file");
    }
    this.labels = labels;
    this.size = Checks.range("size", size, 60_000, 1, 100_000_000);
    this.seed = seed == null ? 0 : seed;
  }

  @FileOption
  @JsonProperty("images")
  @JsonPropertyDescription("IDX file of 28×28 grey digits the examples stack; relative to the experiment file")
  public String images() {
    return images;
  }

  @FileOption
  @JsonProperty("labels")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyDescription("IDX labels of the digits (gives each example its mode as class, of 1,000); leave out for none")
  public String labels() {
    return labels;
  }

  @JsonProperty("size")
  @JsonPropertyDescription("number of stacked examples")
  public int size() {
    return size;
  }

  @JsonProperty("seed")
  @JsonPropertyDescription("decides which digits each example stacks")
  public long seed() {
    return seed;
  }

  @Override
  public DataShape describe(PluginContext context) throws IOException {
    return shape(digits().describe(context));
  }

  @Override
  public DataSource open(PluginContext context) throws IOException {
    DataSource base = digits().open(context);
    return new StackedDigits(shape(base.shape()), base, seed);
  }

  private IdxDataset digits() {
    return new IdxDataset(images, labels, null, labels == null ? null : 10);
  }

  private DataShape shape(DataShape digits) {
    int[] s = digits.shape();
    if (s.length != 3 || s[0] != 1 || s[1] != 28 || s[2] != 28) {
      throw new InvalidOptionException("images", "stacked-mnist stacks 1×28×28 digits; " + images + " holds "
          + DataShape.format(s));
    }
    return new DataShape(new int[] {CHANNELS, 28, 28}, labels == null ? 0 : 1000, size);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StackedMnistDataset d && images.equals(d.images) && Objects.equals(labels, d.labels)
        && size == d.size && seed == d.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(images, labels, size, seed);
  }

  @Override
  public String toString() {
    return TYPE + "{images=" + images + (labels == null ? "" : ", labels=" + labels) + ", size=" + size + ", seed=" + seed + "}";
  }
}
