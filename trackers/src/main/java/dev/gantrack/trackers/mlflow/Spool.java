package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The durable, append-only record of everything a run sent to the {@code mlflow} tracker: {@code
 * <runDir>/mlflow-spool/spool.jsonl}, one JSON object per line, each with a {@code seq} one higher
 * than the line before and an {@code op}:
 *
 * <ul>
 *   <li>{@code begin}: tracking URI (never credentials), experiment, run name, gantrack run id,
 *       start time, options, params and tags with MLflow-safe keys and values;
 *   <li>{@code keymap}: the full map of renamed keys so far (original to MLflow key);
 *   <li>{@code metrics}: {@code step}, {@code time} (ms, fixed when recorded, so a re-send is the
 *       same point) and {@code values} ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} as
 *       strings);
 *   <li>{@code artifact}: artifact path and the file to upload ({@code blobs/...} for images,
 *       which are written next to the spool, else a path relative to the run folder);
 *   <li>{@code end}: status and end time.
 * </ul>
 *
 * <p>A line is written with one {@code write} call from the recording thread (no network, no
 * {@code fsync}: the page cache survives a JVM crash); the delivery thread forces the file to disk
 * about once a second. A torn last line (power loss mid-write) is cut off when the spool is
 * reopened. What was delivered is recorded in {@link SpoolState} ({@code state.json}).
 */
final class Spool implements Closeable {
  static final String DIR = "mlflow-spool";
  static final String FILE = "spool.jsonl";
  static final String STATE = "state.json";
  static final String BLOBS = "blobs";
  static final String LOCK = "lock";

  /** JSON as the spool and the MLflow REST API want it: non-finite doubles as quoted strings. */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private final Path dir;
  private final FileChannel channel;
  private long lastSeq;
  private volatile boolean dirty;

  private Spool(Path dir, FileChannel channel, long lastSeq) {
    this.dir = dir;
    this.channel = channel;
    this.lastSeq = lastSeq;
  }

  /** The spool folder of a run folder. */
  static Path dirOf(Path runDir) {
    return runDir.resolve(DIR);
  }

  /** Opens (creating or reopening) the spool in {@code dir} for appending. */
  static Spool open(Path dir) throws IOException {
    Files.createDirectories(dir.resolve(BLOBS));
    Path file = dir.resolve(FILE);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      long last = recoverTail(ch);
      ch.position(ch.size());
      return new Spool(dir, ch, last);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Cuts off a torn last line and returns the last complete entry's {@code seq} (0 when empty).
   */
  private static long recoverTail(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size == 0) {
      return 0;
    }
    // Find the last '\n' scanning backwards in chunks.
    long end = size;
    long lastNewline = -1;
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    while (end > 0 && lastNewline < 0) {
      long start = Math.max(0, end - buf.capacity());
      buf.clear().limit((int) (end - start));
      readFully(ch, buf, start);
      for (int i = buf.limit() - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          lastNewline = start + i;
          break;
        }
      }
      end = start;
    }
    if (lastNewline < 0) {
      ch.truncate(0);
      return 0;
    }
    if (lastNewline + 1 < size) {
      ch.truncate(lastNewline + 1);
    }
    // The last complete line runs from the previous '\n' (or 0) to lastNewline.
    long lineStart = lastNewline;
    while (lineStart > 0) {
      long start = Math.max(0, lineStart - buf.capacity());
      buf.clear().limit((int) (lineStart - start));
      readFully(ch, buf, start);
      int i = buf.limit() - 1;
      for (; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          break;
        }
      }
      if (i >= 0) {
        lineStart = start + i + 1;
        break;
      }
      lineStart = start;
    }
    ByteBuffer line = ByteBuffer.allocate((int) (lastNewline - lineStart));
    readFully(ch, line, lineStart);
    JsonNode node;
    try {
      node = JSON.readTree(line.array());
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.path("seq").canConvertToLong() || node.path("seq").asLong() <= 0) {
      // Garbage after a crash (e.g. zeros after power loss): drop the line and look again.
      ch.truncate(lineStart);
      return recoverTail(ch);
    }
    return node.path("seq").asLong();
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        break;
      }
      pos += n;
    }
    buf.flip();
  }

  /** The spool folder. */
  Path dir() {
    return dir;
  }

  /** Where images are kept until they are uploaded. */
  Path blobs() {
    return dir.resolve(BLOBS);
  }

  /** The {@code seq} of the last entry written. */
  synchronized long lastSeq() {
    return lastSeq;
  }

  /**
   * Appends one entry: {@code seq} and {@code op} first, then what {@code body} adds. Returns its
   * {@code seq}.
   */
  synchronized long append(String op, Consumer<ObjectNode> body) throws IOException {
    long seq = lastSeq + 1;
    ObjectNode node = JSON.createObjectNode();
    node.put("seq", seq);
    node.put("op", op);
    body.accept(node);
    byte[] json = JSON.writeValueAsBytes(node);
    ByteBuffer buf = ByteBuffer.allocate(json.length + 1);
    buf.put(json).put((byte) '\n').flip();
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    lastSeq = seq;
    dirty = true;
    return seq;
  }

  /** Forces what was appended to disk, if anything was since the last call. */
  void force() {
    if (dirty) {
      dirty = false;
      try {
        channel.force(false);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (channel.isOpen()) {
        channel.force(false);
      }
    } finally {
      channel.close();
    }
  }

  /** Writes {@code text} to {@code file} so that readers see either the old or the new content. */
  static void writeAtomically(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** UTF-8 bytes of a string; a shorthand. */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
