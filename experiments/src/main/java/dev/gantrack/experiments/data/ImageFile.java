package dev.gantrack.experiments.data;

import dev.gantrack.api.InvalidOptionException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * One image file, decoded within bounds: only regular files are opened (a FIFO would block
 * forever); the dimensions are read from the file's header by its {@link ImageReader} and
 * refused beyond {@link #MAX_PIXELS} before any pixel is decoded; data that ends early is an
 * error, not a grey bottom half. Full decodes share a memory budget of a quarter of the heap, so
 * many large images decoding in parallel cannot exhaust it. Every problem is an {@link
 * InvalidOptionException} for the option that named the folder, its message starting with the file.
 */
final class ImageFile {
  /** The most pixels an image may have: 2^26, e.g. 8192 × 8192 (a decode holds up to 12 bytes each). */
  static final long MAX_PIXELS = 1L << 26;

  private static final int BYTES_PER_PIXEL = 12;
  private static final int KIB = 1024;
  private static final int BUDGET_KIB =
      (int) Math.min(Integer.MAX_VALUE, Math.max(1, Runtime.getRuntime().maxMemory() / 4 / KIB));
  private static final Semaphore BUDGET = new Semaphore(BUDGET_KIB);

  /** Side of the reduced image that {@link #check} decodes into. */
  private static final int CHECK_SIDE = 16;

  private ImageFile() {}

  /** Decodes {@code file} at full size and hands it to {@code use} while its memory is reserved. */
  static <T> T read(Path file, String option, Function<BufferedImage, T> use) throws IOException {
    return decode(file, option, false, use);
  }

  /** Decodes all of {@code file} into a tiny image: proves it decodes while holding little memory. */
  static void check(Path file, String option) throws IOException {
    decode(file, option, true, image -> image);
  }

  private static <T> T decode(Path file, String option, boolean reduced, Function<BufferedImage, T> use)
      throws IOException {
    if (!Files.exists(file)) {
      if (Files.isSymbolicLink(file)) {
        throw DataProblem.of(option, file, "a broken symbolic link");
      }
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw DataProblem.of(option, file, "not a regular file (a FIFO, socket or device); gantrack reads images only from regular files");
    }
    ImageInputStream opened;
    try {
      opened = new FileImageInputStream(file.toFile());
    } catch (IOException e) {
      throw DataProblem.of(option, file, "cannot read: " + e.getMessage());
    }
    try (ImageInputStream in = opened) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw DataProblem.of(option, file, "not an image javax.imageio can read (PNG or JPEG)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w * h > MAX_PIXELS) {
          throw DataProblem.of(option, file, String.format(Locale.ROOT, "%d×%d pixels (%,d) are more than the %,d allowed;"
              + " shrink the image first (gantrack resizes every image to size×size anyway)", w, h, w * h, MAX_PIXELS));
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int permits = 0;
        if (reduced) {
          int step = (int) Math.max(1, (Math.max(w, h) + CHECK_SIDE - 1) / CHECK_SIDE);
          param.setSourceSubsampling(step, step, 0, 0);
        } else {
          permits = (int) Math.min(BUDGET_KIB, Math.max(1, w * h * BYTES_PER_PIXEL / KIB));
          BUDGET.acquireUninterruptibly(permits);
        }
        try {
          BufferedImage image = reader.read(0, param);
          for (String warning : warnings) {
            if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
              throw DataProblem.of(option, file, "truncated: the image data ends early (" + warning + ")");
            }
          }
          return use.apply(image);
        } finally {
          BUDGET.release(permits);
        }
      } finally {
        reader.dispose();
      }
    } catch (InvalidOptionException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw DataProblem.of(option, file, "cannot decode the image (" + e.getMessage() + ")");
    }
  }
}
