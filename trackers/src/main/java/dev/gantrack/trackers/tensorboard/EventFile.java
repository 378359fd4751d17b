package dev.gantrack.trackers.tensorboard;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open TensorBoard event file: named as TensorFlow names them, the file-version event first,
 * then each {@code tensorboard.Event} (wall time, step, summary) framed as a {@link TfRecord},
 * buffered and flushed once {@code flushSeconds} have passed since the last flush. Errors are thrown
 * to the {@link EventFileWriter} that owns it, which decides what they mean.
 */
final class EventFile implements Closeable {
  private static final AtomicInteger FILE_COUNTER = new AtomicInteger();

  private final OutputStream out;
  private final long flushNanos;
  private long lastFlush;

  /**
   * Creates {@code file}, which must not exist yet, and writes the file-version event to it.
   *
   * @param flushSeconds flush when at least this many seconds have passed since the last flush
   */
  EventFile(Path file, double flushSeconds) throws IOException {
    this.flushNanos = (long) Math.min(flushSeconds * 1e9, Long.MAX_VALUE / 2.0);
    this.out =
        new BufferedOutputStream(
            Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            1 << 16);
    try {
      lastFlush = System.nanoTime();
      ProtoWriter event =
          new ProtoWriter().doubleField(1, wallTime()).string(3, EventFileWriter.FILE_VERSION);
      TfRecord.write(out, event.toByteArray());
      out.flush();
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * A new event file's path in {@code directory}: {@code
   * events.out.tfevents.<secs>.<hostname>.<pid>.<n>}, {@code n} counting this process's files.
   */
  static Path newPath(Path directory) {
    String name =
        String.format(
            Locale.ROOT,
            "events.out.tfevents.%010d.%s.%d.%d",
            Instant.now().getEpochSecond(),
            hostname(),
            ProcessHandle.current().pid(),
            FILE_COUNTER.getAndIncrement());
    return directory.resolve(name);
  }

  /** Appends the event of {@code summary} at {@code step}, now; flushes if the interval is over. */
  void append(long step, ProtoWriter summary) throws IOException {
    ProtoWriter event =
        new ProtoWriter().doubleField(1, wallTime()).varintIfSet(2, step).message(5, summary);
    TfRecord.write(out, event.toByteArray());
    if (System.nanoTime() - lastFlush >= flushNanos) {
      flush();
    }
  }

  /**
   * Appends a {@code SessionLog} START event at {@code step} (event field 7, status 1): TensorBoard's
   * readers then drop every event of an earlier file with a step at or after it, as after a restart.
   */
  void appendSessionStart(long step) throws IOException {
    ProtoWriter event = new ProtoWriter().doubleField(1, wallTime()).varintIfSet(2, step)
        .message(7, new ProtoWriter().varint(1, 1));
    TfRecord.write(out, event.toByteArray());
  }

  /** Writes buffered events to the file. */
  void flush() throws IOException {
    out.flush();
    lastFlush = System.nanoTime();
  }

  /** Flushes and closes the file. */
  @Override
  public void close() throws IOException {
    out.close();
  }

  /** Closes the file after a failure, ignoring a second one. */
  void closeQuietly() {
    try {
      out.close();
    } catch (IOException | RuntimeException ignored) {
      // the first failure is the one reported
    }
  }

  private static double wallTime() {
    Instant now = Instant.now();
    return now.getEpochSecond() + now.getNano() / 1e9;
  }

  private static String hostname() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      try {
        h = InetAddress.getLocalHost().getHostName();
      } catch (IOException | RuntimeException e) {
        h = "localhost";
      }
    }
    h = h.replaceAll("[^A-Za-z0-9._-]", "_");
    return h.isEmpty() ? "localhost" : h;
  }
}
