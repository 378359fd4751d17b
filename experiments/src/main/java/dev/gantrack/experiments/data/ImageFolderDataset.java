package dev.gantrack.experiments.data;

import dev.gantrack.api.spec.FileOption;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.spec.DatasetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Dataset {@code image-folder}: the PNG and JPEG files under a folder, each centre-cropped to a
 * square, resized to {@code size × size} and scaled to [-1, 1], in 1 (luminance) or 3 (RGB)
 * channels. Transparent pixels are composited onto black.
 *
 * <p>Unlabelled, every image under the folder (at any depth) is an example. With {@code labeled:
 * true} each subfolder is a class (classes numbered by subfolder name in sorted order, images at
 * any depth inside it); files directly in the folder are ignored. Names starting with {@code .}
 * are skipped. Examples are ordered by path, so a seeded run sees the same data every time.
 */
public final class ImageFolderDataset implements DatasetSpec {
  /** The name in experiment files. */
  public static final String TYPE = "image-folder";

  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

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
    this.path = Checks.required("path", path);
    if (path.isBlank()) {
      throw new IllegalArgumentException("path: empty; allowed a path to a folder of images");
    }
    this.size = Checks.range("size", size, 64, 1, 4096);
    int c = channels == null ? 3 : channels;
    if (c != 1 && c != 3) {
      throw new IllegalArgumentException("channels: " + c + " is not allowed; allowed 1 or 3");
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
    Listing listing = list(context.resolve(path));
    return shape(listing);
  }

  @Override
  public DataSource open(PluginContext context) throws IOException {
    Listing listing = list(context.resolve(path));
    DataShape shape = shape(listing);
    int n = listing.files.size();
    int length = shape.exampleLength();
    if ((long) n * length > Integer.MAX_VALUE - 16) {
      throw new IOException(
          context.resolve(path) + ": " + n + " images of " + DataShape.format(shape.shape())
              + " are too many to hold in memory (over 2 GB); use a smaller size or fewer images");
    }
    byte[] data = new byte[n * length];
    try {
      IntStream.range(0, n).parallel().forEach(i -> {
        try {
          byte[] pixels = Images.load(listing.files.get(i), size, channels);
          System.arraycopy(pixels, 0, data, i * length, length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new ArraySource(shape, data, labeled ? listing.labels : null);
  }

  private DataShape shape(Listing listing) {
    return new DataShape(
        new int[] {channels, size, size}, labeled ? listing.classes.size() : 0, listing.files.size());
  }

  /** The image files in order, their classes (when labelled) and the class names. */
  private record Listing(List<Path> files, int[] labels, List<String> classes) {}

  private Listing list(Path root) throws IOException {
    if (!Files.exists(root)) {
      throw new NoSuchFileException(root.toString(), null, "no such folder");
    }
    if (!Files.isDirectory(root)) {
      throw new IOException(root + ": not a folder; path must name a folder of images");
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    if (labeled) {
      List<Path> dirs;
      try (Stream<Path> s = Files.list(root)) {
        dirs = s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted(byName()).toList();
      }
      if (dirs.isEmpty()) {
        throw new IOException(
            root + ": no subfolders; with labeled: true each subfolder holds the images of one class");
      }
      for (Path dir : dirs) {
        List<Path> images = images(dir);
        if (images.isEmpty()) {
          throw new IOException(dir + ": class folder holds no PNG or JPEG images");
        }
        for (Path p : images) {
          files.add(p);
          labels.add(classes.size());
        }
        classes.add(dir.getFileName().toString());
      }
    } else {
      files.addAll(images(root));
      if (files.isEmpty()) {
        throw new IOException(root + ": holds no PNG or JPEG images (.png, .jpg, .jpeg)");
      }
    }
    return new Listing(
        List.copyOf(files), labels.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(classes));
  }

  /** The image files under {@code dir} at any depth, sorted by path, skipping hidden names. */
  private static List<Path> images(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      return s.filter(p -> !p.equals(dir))
          .filter(p -> !hiddenBelow(dir, p))
          .filter(Files::isRegularFile)
          .filter(ImageFolderDataset::isImage)
          .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
          .toList();
    }
  }

  private static Comparator<Path> byName() {
    return Comparator.comparing(p -> p.getFileName().toString());
  }

  private static boolean hidden(Path p) {
    return p.getFileName().toString().startsWith(".");
  }

  private static boolean hiddenBelow(Path dir, Path p) {
    for (Path part : dir.relativize(p)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isImage(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
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
