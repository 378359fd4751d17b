package dev.gantrack.trackers.mlflow;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock on a spool ({@code mlflow-spool/lock}): the one tracker or {@code gantrack sync} that
 * holds it is the only one appending to or delivering the spool, in this process or any other.
 */
final class SpoolLock implements Closeable {
  private final FileChannel channel;
  private final FileLock lock;

  private SpoolLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock on the spool in {@code spoolDir}, or null when someone else holds it. */
  static SpoolLock tryAcquire(Path spoolDir) throws IOException {
    FileChannel channel =
        FileChannel.open(spoolDir.resolve(Spool.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      return null;
    }
    return new SpoolLock(channel, lock);
  }

  /** Releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      lock.close();
    } finally {
      channel.close();
    }
  }
}
