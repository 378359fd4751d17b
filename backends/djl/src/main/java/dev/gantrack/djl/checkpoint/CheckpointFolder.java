package dev.gantrack.djl.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.api.run.CheckpointInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's {@code checkpoints/} folder: complete checkpoints {@code step-XXXXXX/} (each with its
 * {@code manifest.json}), a {@value CheckpointInfo#PIN_FILE} file in the ones a user pinned, and,
 * after a crash while writing, an unfinished {@code .tmp-step-XXXXXX/}, which is never read and is
 * removed when the run goes on. Lists and checks checkpoints (manifest, sizes, checksums) and keeps
 * the last K plus the pinned ones.
 */
final class CheckpointFolder {
  static final String UNFINISHED_PREFIX = ".tmp-";
  private static final Pattern NAME = Pattern.compile("step-(\\d+)");

  private CheckpointFolder() {}

  /** The folder name of the checkpoint of {@code step}. */
  static String name(long step) {
    return String.format(Locale.ROOT, "step-%06d", step);
  }

  /** Complete checkpoints' folders under {@code checkpointsDir}, newest (highest step) first. */
  static List<Path> folders(Path checkpointsDir) throws IOException {
    if (!Files.isDirectory(checkpointsDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(checkpointsDir)) {
      return s.filter(Files::isDirectory).filter(p -> step(p) >= 0)
          .sorted(Comparator.comparingLong(CheckpointFolder::step).reversed()).toList();
    }
  }

  /** The step in a checkpoint folder's name, or -1 when it is not one. */
  static long step(Path folder) {
    Matcher m = NAME.matcher(folder.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Every checkpoint of {@code checkpointsDir}, newest first, each checked. */
  static List<CheckpointInfo> list(Path checkpointsDir, ObjectMapper json) throws IOException {
    List<CheckpointInfo> out = new ArrayList<>();
    for (Path f : folders(checkpointsDir)) {
      String problem = null;
      long bytes = 0;
      try {
        bytes = verify(f, json).bytes();
      } catch (IOException e) {
        problem = e.getMessage();
      }
      out.add(new CheckpointInfo(f.getFileName().toString(), step(f), f, bytes,
          Files.exists(f.resolve(CheckpointInfo.PIN_FILE)), problem));
    }
    return out;
  }

  /**
   * Reads and checks {@code folder}'s manifest and every file it names (size and SHA-256); the
   * IOException's message says what is wrong.
   */
  static Manifest verify(Path folder, ObjectMapper json) throws IOException {
    Manifest m;
    try {
      m = json.readValue(folder.resolve(Manifest.FILE).toFile(), Manifest.class);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new IOException("it has no " + Manifest.FILE);
    } catch (IOException e) {
      throw new IOException(Manifest.FILE + " is unreadable (" + oneLine(e) + ")");
    }
    if (!Manifest.FORMAT.equals(m.format()) || m.parts() == null) {
      throw new IOException(Manifest.FILE + " is not a " + Manifest.FORMAT + " manifest");
    }
    if (m.step() != step(folder)) {
      throw new IOException(Manifest.FILE + " says step " + m.step() + ", the folder's name another");
    }
    for (Manifest.Part p : m.parts()) {
      Path file = folder.resolve(p.file()).normalize();
      if (!file.getParent().equals(folder.normalize()) || !Files.isRegularFile(file)) {
        throw new IOException(p.file() + " (the state of " + p.name() + ") is missing");
      }
      long size = Files.size(file);
      if (size != p.bytes()) {
        throw new IOException(p.file() + " is " + size + " bytes; the manifest says " + p.bytes());
      }
      if (!sha256(file).equals(p.sha256())) {
        throw new IOException(p.file() + " does not match its SHA-256 in the manifest (damaged or changed)");
      }
    }
    return m;
  }

  /** Removes unfinished checkpoints (a crash while writing one) and all but the newest {@code keep} unpinned ones. */
  static void prune(Path checkpointsDir, int keep) throws IOException {
    removeUnfinished(checkpointsDir);
    int kept = 0;
    for (Path f : folders(checkpointsDir)) {
      if (Files.exists(f.resolve(CheckpointInfo.PIN_FILE))) {
        continue;
      }
      if (++kept > keep) {
        deleteTree(f);
      }
    }
  }

  /** Removes folders a crash left while a checkpoint was being written. */
  static void removeUnfinished(Path checkpointsDir) throws IOException {
    if (!Files.isDirectory(checkpointsDir)) {
      return;
    }
    try (Stream<Path> s = Files.list(checkpointsDir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(UNFINISHED_PREFIX)).toList()) {
        deleteTree(p);
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest sha = CheckpointWriter.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
