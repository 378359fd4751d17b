package dev.gantrack.experiments.runfolder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock on a run folder ({@code <run>/lock}) held by the one process that trains in it, from
 * before it writes anything until it has written its final status. The operating system releases it
 * when the process dies, however it dies, so a run folder whose status says RUNNING but whose lock is
 * free belongs to a process that is gone.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name in a run folder. */
  public static final String FILE = "lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of {@code runDir}, or returns null when another process (or this one) holds it. */
  public static RunLock tryAcquire(Path runDir) throws IOException {
    FileChannel ch = FileChannel.open(runDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        ch.close();
        return null;
      }
      return new RunLock(ch, lock);
    } catch (OverlappingFileLockException e) {
      ch.close();
      return null;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** True when a live process holds the lock of {@code runDir} (probes it: takes and releases it at once). */
  public static boolean held(Path runDir) throws IOException {
    if (!java.nio.file.Files.exists(runDir.resolve(FILE))) {
      return false;
    }
    try (RunLock probe = tryAcquire(runDir)) {
      return probe == null;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
