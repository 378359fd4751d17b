package dev.gantrack.djl.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.djl.spi.state.RunState;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one checkpoint so that a crash at any moment leaves either the complete checkpoint or none:
 * every part's state is collected on the host, written into {@code checkpoints/.tmp-step-XXXXXX/}
 * and forced to disk, then {@code manifest.json} with each file's size and SHA-256, and only then is
 * the folder renamed to {@code step-XXXXXX} (an atomic rename) and the rename forced to disk.
 */
final class CheckpointWriter {
  /** Test hook: milliseconds to pause after the first part's file (to kill a run mid-write). */
  static final String PAUSE_PROPERTY = "gantrack.test.checkpoint-write-pause-ms";

  private final ObjectMapper json;

  CheckpointWriter(ObjectMapper json) {
    this.json = json;
  }

  /** Writes the checkpoint of {@code step} into {@code checkpointsDir} and returns its folder. */
  Path write(Path checkpointsDir, long step, long totalSteps, long seed, Map<String, RunState> parts)
      throws IOException {
    long started = System.nanoTime();
    Files.createDirectories(checkpointsDir);
    String name = CheckpointFolder.name(step);
    Path tmp = checkpointsDir.resolve(CheckpointFolder.UNFINISHED_PREFIX + name);
    CheckpointFolder.deleteTree(tmp);
    Files.createDirectory(tmp);
    List<Manifest.Part> written = new ArrayList<>();
    Set<String> files = new HashSet<>();
    long pause = Long.getLong(PAUSE_PROPERTY, 0);
    for (Map.Entry<String, RunState> e : parts.entrySet()) {
      StateFile.Collected collected = new StateFile.Collected(json, e.getKey());
      try {
        e.getValue().save(collected);
      } catch (RuntimeException ex) {
        throw new IOException("cannot save the state of " + e.getKey() + ": " + ex.getMessage(), ex);
      }
      String file = fileName(e.getKey(), files);
      written.add(writePart(tmp.resolve(file), e.getKey(), file, collected.content()));
      if (pause > 0 && written.size() == 1) {
        sleep(pause);
      }
    }
    double millis = (System.nanoTime() - started) / 1e6 - pause;
    Manifest manifest = new Manifest(Manifest.FORMAT, step, totalSteps, seed, Instant.now().toString(), millis, written);
    writeDurably(tmp.resolve(Manifest.FILE), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    forceDirectory(tmp);
    Path target = checkpointsDir.resolve(name);
    if (Files.exists(target)) {
      CheckpointFolder.deleteTree(target);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(checkpointsDir);
    return target;
  }

  private Manifest.Part writePart(Path path, String part, String file, StateFile.Content content) throws IOException {
    MessageDigest sha = sha256();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = new DigestOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16), sha);
      StateFile.write(out, content, json);
      out.flush();
      ch.force(true);
      return new Manifest.Part(part, file, ch.size(), HexFormat.of().formatHex(sha.digest()));
    }
  }

  private static void writeDurably(Path path, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
  }

  /** Makes a rename or a new file in {@code dir} durable (POSIX: fsync the folder). */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // not every platform can open a folder (Windows); the rename is still atomic there
    }
  }

  /** A file name for part {@code name}: its name with characters outside [A-Za-z0-9._-] as '_', made unique. */
  private static String fileName(String name, Set<String> taken) {
    String base = name.replaceAll("[^A-Za-z0-9._-]", "_");
    String file = base + ".state";
    for (int i = 2; !taken.add(file); i++) {
      file = base + "-" + i + ".state";
    }
    return file;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
