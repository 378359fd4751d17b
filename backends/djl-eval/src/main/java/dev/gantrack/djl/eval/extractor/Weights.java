package dev.gantrack.djl.eval.extractor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Network weights with their SHA-256 recorded beside them ({@code <file>.sha256}, in {@code
 * sha256sum}'s format), read from a file or from a resource of this jar: the bytes are refused when
 * their hash is not the recorded one, so a metric never runs on weights other than those it names.
 *
 * @param bytes the weights as stored
 * @param sha256 their hash, hex
 * @param source where they were read from, for messages and provenance
 */
public record Weights(byte[] bytes, String sha256, String source) {

  /** Reads {@code file} and checks it against {@code file.sha256}. */
  public static Weights read(Path file) throws IOException {
    Path recorded = file.resolveSibling(file.getFileName() + ".sha256");
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + " does not exist");
    }
    if (!Files.isRegularFile(recorded)) {
      throw new IOException(recorded + " does not exist: its SHA-256 must be recorded beside the weights");
    }
    return checked(Files.readAllBytes(file), Files.readString(recorded, StandardCharsets.UTF_8), file.toString());
  }

  /** Reads the resource {@code name} of {@code owner}'s package and checks it against {@code name.sha256}. */
  public static Weights resource(Class<?> owner, String name) throws IOException {
    byte[] bytes;
    String recorded;
    try (InputStream in = owner.getResourceAsStream(name); InputStream hash = owner.getResourceAsStream(name + ".sha256")) {
      if (in == null || hash == null) {
        throw new IOException("the resource " + name + " (and " + name + ".sha256) is missing beside "
            + owner.getName() + "; rebuild gantrack or train it with gantrack train-classifier");
      }
      bytes = in.readAllBytes();
      recorded = new String(hash.readAllBytes(), StandardCharsets.UTF_8);
    }
    return checked(bytes, recorded, "resource " + owner.getPackageName().replace('.', '/') + "/" + name);
  }

  private static Weights checked(byte[] bytes, String recordedLine, String source) throws IOException {
    String recorded = recordedLine.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
    String actual = sha256(bytes);
    if (!actual.equals(recorded)) {
      throw new IOException(source + " has SHA-256 " + actual + ", not the recorded " + recorded
          + ": the weights were changed or damaged");
    }
    return new Weights(bytes, actual, source);
  }

  /** Writes {@code bytes} to {@code file} and their hash to {@code file.sha256}, each under a temporary name first. */
  public static String write(byte[] bytes, Path file) throws IOException {
    String hash = sha256(bytes);
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Files.writeString(file.resolveSibling(file.getFileName() + ".sha256"), hash + "  " + file.getFileName() + "\n",
        StandardCharsets.UTF_8);
    return hash;
  }

  /** SHA-256 of {@code bytes}, hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
