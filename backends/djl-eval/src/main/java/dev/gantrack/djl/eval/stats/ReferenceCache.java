package dev.gantrack.djl.eval.stats;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference features of real data, cached in a file per data set, extractor and example count,
 * keyed by the data's fingerprint and the extractor's weight hash (both in the name, in short, and in
 * the file, in full). The file goes in {@code .gantrack-cache/} inside the data's folder, or, when
 * that folder cannot be written, in {@code $XDG_CACHE_HOME/gantrack/reference/} (default
 * {@code ~/.cache}). A file whose keys do not match, or that cannot be read whole, is stale: the
 * features are computed again and the file rewritten.
 */
final class ReferenceCache {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceCache.class);
  private static final String MAGIC = "gantrack reference features v1";

  private final String dataFingerprint;
  private final String extractorHash;
  private final int limit;
  private final Path primary;

  ReferenceCache(Path dataFolder, String dataFingerprint, String extractorHash, int limit) {
    this.dataFingerprint = dataFingerprint;
    this.extractorHash = extractorHash;
    this.limit = limit;
    this.primary = dataFolder.resolve(".gantrack-cache").resolve(fileName());
  }

  private String fileName() {
    return "reference-" + dataFingerprint.substring(0, 16) + "-" + extractorHash.substring(0, 16) + "-" + limit + ".features";
  }

  /** Where the cache is read from: the data's folder, else the user's cache folder. */
  Path fallback() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("gantrack").resolve("reference").resolve(fileName());
  }

  /** The cached features, if a fresh file holds them. */
  Optional<FeatureSet> read() {
    for (Path file : new Path[] {primary, fallback()}) {
      if (Files.isRegularFile(file)) {
        try {
          Optional<FeatureSet> found = read(file);
          if (found.isPresent()) {
            return found;
          }
          LOG.info("{} is stale (other data or extractor); computing the reference features again", file);
        } catch (IOException e) {
          LOG.info("{} cannot be read ({}); computing the reference features again", file, e.getMessage());
        }
      }
    }
    return Optional.empty();
  }

  private Optional<FeatureSet> read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (!MAGIC.equals(in.readUTF()) || !dataFingerprint.equals(in.readUTF()) || !extractorHash.equals(in.readUTF())
          || in.readInt() != limit) {
        return Optional.empty();
      }
      int count = in.readInt();
      int dimension = in.readInt();
      int classes = in.readInt();
      float[] features = floats(in, (long) count * dimension);
      float[] probabilities = classes == 0 ? null : floats(in, (long) count * classes);
      if (in.read() != -1) {
        throw new IOException("trailing bytes");
      }
      return Optional.of(new FeatureSet(count, dimension, features, classes, probabilities));
    }
  }

  private static float[] floats(DataInputStream in, long n) throws IOException {
    if (n > Integer.MAX_VALUE) {
      throw new IOException("declares " + n + " values");
    }
    float[] out = new float[(int) n];
    for (int i = 0; i < out.length; i++) {
      out[i] = in.readFloat();
    }
    return out;
  }

  /** Writes {@code set} to the data's folder, or to the user's cache folder when that fails; returns the file, if any. */
  Optional<Path> write(FeatureSet set) {
    for (Path file : new Path[] {primary, fallback()}) {
      try {
        write(file, set);
        return Optional.of(file);
      } catch (AccessDeniedException e) {
        LOG.debug("cannot write {}: {}", file, e.getMessage());
      } catch (IOException e) {
        LOG.debug("cannot write {}: {}", file, e.toString());
      }
    }
    LOG.warn("cannot cache the reference features (neither {} nor {} can be written)", primary, fallback());
    return Optional.empty();
  }

  private void write(Path file, FeatureSet set) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeUTF(MAGIC);
      out.writeUTF(dataFingerprint);
      out.writeUTF(extractorHash);
      out.writeInt(limit);
      out.writeInt(set.count());
      out.writeInt(set.dimension());
      out.writeInt(set.classes());
      for (float f : set.features()) {
        out.writeFloat(f);
      }
      if (set.classes() > 0) {
        for (float f : set.probabilities()) {
          out.writeFloat(f);
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
