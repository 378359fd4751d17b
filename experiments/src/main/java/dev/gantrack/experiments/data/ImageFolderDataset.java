package dev.gantrack.experiments.data;

import com.fasterxml.jackson.annotation.JsonCreator;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Dataset {@code image-folder}: the PNG and JPEG files under a folder, each centre-cropped to a
 * square, resized to {@code size × size} and scaled to [-1, 1], in 1 (luminance) or 3 (RGB)
 * channels. Transparent pixels are composited onto black.
 *
 * <p>Unlabelled, every image under the folder (at any depth) is an example. With {@code labeled:
 * true} each subfolder is a class (classes numbered by subfolder name in sorted order, images at
 * any depth inside it); files directly in the folder are ignored. Names starting with {@code .}
 * are skipped. Examples are ordered by path, so a seeded run sees the same data every time.
 *
 * <p>{@link #describe} decodes every image once, into a tiny image (source subsampling), so it
 * proves each file decodes without holding its pixels; {@link #open} decodes each at full size
 * once, with the same checks (see {@link ImageFile}), so files changed since validation fail with
 * the same messages. Problems name the file under {@code path}.
 */
public final class ImageFolderDataset implements DatasetSpec {
  /** The name in experiment files. */
  public static final String TYPE = "image-folder";

  private static final String PATH = "path";

  private final String path;
  private final int size;
  private final int channels;
  private final boolean labeled;

  /**
   * @param path the folder (required); relative paths resolve against the experiment file's folder
   * @param size side of the square images after resizing; null for 64
   * @param channels 1 or 3; null for 3
   * @param labeled whether subfolders are classes; null for false
   */
  @JsonCreator
  public ImageFolderDataset(
      @JsonProperty("path") String path,
      @JsonProperty("size") Integer size,
      @JsonProperty("channels") Integer channels,
      @JsonProperty("labeled") Boolean labeled) {
    this.path = Checks.required(PATH, path);
    if (path.isBlank()) {
      throw new InvalidOptionException(PATH, "empty; allowed a path to a folder of images");
    }
    this.size = Checks.range("size", size, 64, 1, 4096);
    int c = channels == null ? 3 : channels;
    if (c != 1 && c != 3) {
      throw new InvalidOptionException("channels", c + " is not allowed; allowed 1 or 3");
    }
    this.channels = c;
    this.labeled = labeled != null && labeled;
  }

  /** The folder. */
  @FileOption
  @JsonProperty("path")
  @JsonPropertyDescription("Folder of PNG/JPEG images (searched at any depth); relative to the experiment file")
  public String path() {
    return path;
  }

  /** Side of the square examples. */
  @JsonProperty("size")
  @JsonPropertyDescription("Images are centre-cropped to a square and resized to size×size")
  public int size() {
    return size;
  }

  /** 1 or 3. */
  @JsonProperty("channels")
  @JsonPropertyDescription("1 for grey (luminance) or 3 for RGB")
  public int channels() {
    return channels;
  }

  /** Whether subfolders are classes. */
  @JsonProperty("labeled")
  @JsonPropertyDescription(
      "When true, each subfolder is a class (numbered in sorted name order) and files directly in"
          + " the folder are ignored")
  public boolean labeled() {
    return labeled;
  }

  @Override
  public DataShape describe(PluginContext context) throws IOException {
    ImageFolderListing listing = ImageFolderListing.list(context.resolve(path), labeled, PATH);
    DataShape shape = shape(context, listing);
    eachImage(listing.files(), (i, file) -> ImageFile.check(file, PATH));
    return shape;
  }

  @Override
  public DataSource open(PluginContext context) throws IOException {
    ImageFolderListing listing = ImageFolderListing.list(context.resolve(path), labeled, PATH);
    DataShape shape = shape(context, listing);
    int length = shape.exampleLength();
    byte[] data = new byte[listing.files().size() * length];
    eachImage(listing.files(), (i, file) -> {
      byte[] pixels = Images.load(file, PATH, size, channels);
      System.arraycopy(pixels, 0, data, i * length, length);
    });
    return new ArraySource(shape, data, labeled ? listing.labels() : null, context.resolve(path));
  }

  /** The data's shape, refused when its examples cannot all be held in memory. */
  private DataShape shape(PluginContext context, ImageFolderListing listing) {
    int n = listing.files().size();
    DataShape shape = new DataShape(new int[] {channels, size, size}, labeled ? listing.classes().size() : 0, n);
    if (!HeapBudget.fits((long) n * shape.exampleLength(), 1)) {
      throw DataProblem.of(PATH, context.resolve(path), n + " images of "
          + DataShape.format(shape.shape()) + " are more than memory can hold: " + HeapBudget.explain(1)
          + "; use a smaller size or fewer images");
    }
    return shape;
  }

  /** Work on one image file. */
  private interface ImageTask {
    void run(int index, Path file) throws IOException;
  }

  /**
   * Runs {@code task} on every file in parallel; reports the first failure in path order, saying
   * how many other files failed too.
   */
  private static void eachImage(List<Path> files, ImageTask task) throws IOException {
    Exception[] failures = new Exception[files.size()];
    IntStream.range(0, files.size()).parallel().forEach(i -> {
      try {
        task.run(i, files.get(i));
      } catch (IOException | RuntimeException e) {
        failures[i] = e;
      }
    });
    Exception first = null;
    int others = 0;
    for (Exception e : failures) {
      if (e != null && first == null) {
        first = e;
      } else if (e != null) {
        others++;
      }
    }
    if (first == null) {
      return;
    }
    if (first instanceof InvalidOptionException e) {
      throw others == 0 ? e : new InvalidOptionException(e.option(), e.problem() + " (and " + others
          + (others == 1 ? " more image fails)" : " more images fail)"));
    }
    if (first instanceof IOException e) {
      throw e;
    }
    throw (RuntimeException) first;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageFolderDataset d
        && path.equals(d.path)
        && size == d.size
        && channels == d.channels
        && labeled == d.labeled;
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, size, channels, labeled);
  }

  @Override
  public String toString() {
    return TYPE + "{path=" + path + ", size=" + size + ", channels=" + channels + ", labeled=" + labeled + "}";
  }
}
