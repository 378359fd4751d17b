package dev.gantrack.experiments.data;

import dev.gantrack.api.InvalidOptionException;
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
import java.util.stream.Stream;

/**
 * The image files of an {@code image-folder} dataset, in path order, with their classes when
 * subfolders are classes. Files are chosen by name ({@code .png}, {@code .jpg}, {@code .jpeg}, any
 * case; names starting with {@code .} are skipped); an image name that is not a regular file (a
 * FIFO, a device, a broken link) is an error naming it, as it would otherwise be dropped silently.
 *
 * @param files the image files, sorted by path
 * @param labels the class of each file (empty when unlabelled)
 * @param classes the class names, i.e. the subfolders in sorted order (empty when unlabelled)
 */
record ImageFolderListing(List<Path> files, int[] labels, List<String> classes) {
  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  /** Lists {@code root}; with {@code labeled} each subfolder is a class. Problems name {@code option}. */
  static ImageFolderListing list(Path root, boolean labeled, String option) throws IOException {
    if (!Files.exists(root)) {
      throw new NoSuchFileException(root.toString(), null, "no such folder");
    }
    if (!Files.isDirectory(root)) {
      throw DataProblem.of(option, root, "not a folder; path must name a folder of images");
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    if (labeled) {
      List<Path> dirs;
      try (Stream<Path> s = Files.list(root)) {
        dirs = s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted(byName()).toList();
      } catch (IOException | UncheckedIOException e) {
        throw DataProblem.of(option, root, "cannot list the folder (" + e.getMessage() + ")");
      }
      if (dirs.isEmpty()) {
        throw DataProblem.of(option, root, "no subfolders; with labeled: true each subfolder holds the images of one class");
      }
      for (Path dir : dirs) {
        List<Path> images = images(dir, option);
        if (images.isEmpty()) {
          throw DataProblem.of(option, dir, "class folder holds no PNG or JPEG images");
        }
        for (Path p : images) {
          files.add(p);
          labels.add(classes.size());
        }
        classes.add(dir.getFileName().toString());
      }
    } else {
      files.addAll(images(root, option));
      if (files.isEmpty()) {
        throw DataProblem.of(option, root, "holds no PNG or JPEG images (.png, .jpg, .jpeg)");
      }
    }
    return new ImageFolderListing(
        List.copyOf(files), labels.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(classes));
  }

  /** The image files under {@code dir} at any depth, sorted by path, skipping hidden names. */
  private static List<Path> images(Path dir, String option) throws IOException {
    List<Path> found;
    try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      found = s.filter(p -> !p.equals(dir))
          .filter(p -> !hiddenBelow(dir, p))
          .filter(ImageFolderListing::isImageName)
          .filter(p -> !Files.isDirectory(p))
          .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw DataProblem.of(option, dir, "cannot list the folder (" + e.getMessage() + ")");
    }
    for (Path p : found) {
      if (!Files.isRegularFile(p)) {
        throw DataProblem.of(option, p, (Files.exists(p) ? "not a regular file (a FIFO, socket or device)" : "a broken symbolic link")
            + "; an image folder may hold only regular image files");
      }
    }
    return found;
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

  private static boolean isImageName(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }
}
