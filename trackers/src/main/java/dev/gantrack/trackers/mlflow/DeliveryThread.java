package dev.gantrack.trackers.mlflow;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MlflowTracker}'s daemon thread: delivers the spool through a {@link Courier} while
 * the run goes on. It waits for new entries (and then on {@link MetricBatching}'s cadence, so that
 * they go in few large batches), retries with {@link Backoff} while the server is unreachable, and forces
 * the spool to disk about once a second. A failure that retrying cannot cure (4xx, a broken spool)
 * ends it, reported once to {@code onFailure}.
 */
final class DeliveryThread implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryThread.class);

  private final Spool spool;
  private final Courier courier;
  private final MetricBatching batching;
  private final Backoff backoff;
  private final Consumer<String> onFailure;
  private final Thread thread;
  private final Object signal = new Object();
  private volatile boolean closing;
  private volatile boolean stopped;
  private volatile String lastProblem;
  private long lastForce;

  /**
   * A delivery thread (not started yet) for {@code spool}, in {@code spoolDir}.
   *
   * @param retryCapMs the longest wait between attempts
   * @param warn where non-fatal problems go
   * @param onFailure told why delivery stopped for good
   */
  DeliveryThread(String name, Path spoolDir, Spool spool, MlflowRest rest, long retryCapMs,
      Consumer<String> warn, Consumer<String> onFailure) throws IOException {
    this.spool = spool;
    this.batching = new MetricBatching();
    this.courier = new Courier(spoolDir, rest, batching, warn, spool::force, () -> stopped);
    this.backoff = new Backoff(retryCapMs);
    this.onFailure = onFailure;
    this.thread = new Thread(this::deliver, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The highest {@code seq} delivered. */
  long delivered() {
    return courier.delivered();
  }

  DeliveryStats stats() {
    return courier.stats();
  }

  /** Whether delivery was stopped (for good). */
  boolean isStopped() {
    return stopped;
  }

  /** Why the last attempt failed, while delivery is retrying; null after a success. */
  String lastProblem() {
    return lastProblem;
  }

  /** Tells the thread that entries were appended. */
  void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  /** Tells the thread that a metrics entry of {@code points} points was appended; wakes it for a full batch. */
  void metricsAppended(int points) {
    if (batching.appended(points)) {
      wake();
    }
  }

  /**
   * Lets the thread deliver what is left for at most {@code wait} (retrying at most a second
   * apart), then stops it; returns when it has ended, or about a second later.
   */
  void finish(Duration wait) {
    try {
      closing = true;
      wake();
      thread.join(wait.toMillis());
      if (thread.isAlive()) {
        stopped = true;
        wake();
        thread.interrupt();
        thread.join(1000);
      }
    } catch (InterruptedException e) {
      stopped = true;
      Thread.currentThread().interrupt();
    } finally {
      stopped = true;
    }
  }

  /** Closes the courier's spool reader. */
  @Override
  public void close() throws IOException {
    courier.close();
  }

  private void deliver() {
    while (!stopped) {
      try {
        long now = System.currentTimeMillis();
        boolean all = closing || batching.due(now);
        long last = spool.lastSeq();
        batching.delivering(now, all);
        courier.deliverUpTo(last, !all);
        backoff.reset();
        lastProblem = null;
        if (closing && courier.delivered() >= spool.lastSeq()) {
          return;
        }
        idle();
      } catch (MlflowCallException e) {
        if (stopped) {
          return;
        }
        if (!e.isTransient()) {
          onFailure.accept(e.getMessage());
          return;
        }
        lastProblem = e.getMessage();
        LOG.debug("mlflow: delivery failed, retrying in {} ms: {}", backoff.delayMs(), e.getMessage());
        sleep(closing ? Math.min(backoff.delayMs(), 1000) : backoff.delayMs());
        backoff.lengthen();
      } catch (IOException | RuntimeException e) {
        if (!stopped) {
          onFailure.accept("cannot read or update the spool in " + spool.dir() + ": " + e);
        }
        return;
      }
    }
  }

  /**
   * Waits for new entries (unless some are waiting already), then as long as {@link
   * MetricBatching#lingerMillis} says; closing cuts both short.
   */
  private void idle() {
    while (!closing && !stopped) {
      forceSpoolNowAndThen();
      synchronized (signal) {
        if (closing || stopped || courier.delivered() < spool.lastSeq()) {
          break;
        }
        waitOn(1000);
      }
    }
    while (!closing && !stopped) {
      forceSpoolNowAndThen();
      synchronized (signal) {
        long left = batching.lingerMillis(System.currentTimeMillis());
        if (closing || stopped || left <= 0) {
          break;
        }
        waitOn(Math.min(left, 1000));
      }
    }
  }

  /** Waits {@code ms} (at most a second more once closing), forcing the spool about every second. */
  private void sleep(long ms) {
    long deadline = System.currentTimeMillis() + ms;
    boolean shortened = closing;
    while (!stopped) {
      forceSpoolNowAndThen();
      synchronized (signal) {
        if (closing && !shortened) {
          shortened = true;
          deadline = Math.min(deadline, System.currentTimeMillis() + 1000);
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return;
        }
        waitOn(Math.min(left, 1000));
      }
    }
  }

  /** Forces appended entries to disk, at most once a second (never under the signal lock). */
  private void forceSpoolNowAndThen() {
    long now = System.currentTimeMillis();
    if (now - lastForce >= 1000) {
      lastForce = now;
      spool.force();
    }
  }

  private void waitOn(long ms) {
    try {
      signal.wait(ms);
    } catch (InterruptedException e) {
      stopped = true;
    }
  }
}
