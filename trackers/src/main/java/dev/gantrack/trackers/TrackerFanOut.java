package dev.gantrack.trackers;

import dev.gantrack.api.track.RunInfo;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.api.track.Tracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All trackers of a run behind one {@link Tracker}. Each asynchronous tracker gets its own bounded
 * queue and thread, so a slow or dead one delays neither training nor the others; inline trackers
 * (the local run folder) are called on the caller's thread. A tracker that throws is switched off
 * with one warning; the run goes on. {@link #onCheckpoint} is the one call the caller waits for (at
 * most {@value #CHECKPOINT_WAIT_MS} ms): a checkpoint is written only once every tracker has made
 * durable what came before it.
 *
 * <p>Submitting never wakes a tracker's thread: each thread wakes every {@value #DRAIN_INTERVAL_MS} ms
 * and runs everything queued, in order, so a run logging every few milliseconds costs the training
 * thread a queue insertion per call, not a thread wake-up (on a 2-core machine a woken thread takes a
 * core from training). Only a checkpoint and closing wake the threads at once.
 */
public final class TrackerFanOut implements Tracker {
  private static final Logger LOG = LoggerFactory.getLogger(TrackerFanOut.class);
  private static final int QUEUE = 10_000;
  private static final long CHECKPOINT_WAIT_MS = 10_000;
  /** How often each tracker's thread runs what was queued since it last looked. */
  static final long DRAIN_INTERVAL_MS = 200;

  /** A tracker with the name it is reported under and whether it runs on the caller's thread. */
  public record Member(String name, Tracker tracker, boolean inline) {}

  private final List<Lane> lanes = new ArrayList<>();
  private final long closeTimeoutMillis;

  /** Starts one thread per asynchronous member. */
  public TrackerFanOut(List<Member> members, long closeTimeoutMillis) {
    this.closeTimeoutMillis = closeTimeoutMillis;
    for (Member m : members) {
      lanes.add(new Lane(m));
    }
  }

  private static final class Lane implements Runnable {
    private final Member member;
    private final BlockingQueue<Consumer<Tracker>> queue;
    private final Thread thread;
    private volatile boolean failed;
    private volatile boolean dropWarned;

    Lane(Member member) {
      this.member = member;
      this.queue = member.inline() ? null : new ArrayBlockingQueue<>(QUEUE);
      this.thread = member.inline() ? null : new Thread(this, "gantrack-tracker-" + member.name());
      if (thread != null) {
        thread.setDaemon(true);
        thread.start();
      }
    }

    /**
     * Submits {@code call}, waking the tracker's thread when {@code urgent}; false when it will not run
     * (the tracker failed, or its queue is full).
     */
    boolean submit(Consumer<Tracker> call, boolean urgent) {
      if (failed) {
        return false;
      }
      if (queue == null) {
        invoke(call);
        return true;
      }
      if (queue.offer(call)) {
        if (urgent) {
          LockSupport.unpark(thread);
        }
        return true;
      }
      if (!dropWarned) {
        dropWarned = true;
        LOG.warn("tracker '{}' is falling behind ({} calls queued); further calls are dropped for it "
            + "(the run folder keeps everything)", member.name(), QUEUE);
      }
      return false;
    }

    private void invoke(Consumer<Tracker> call) {
      try {
        call.accept(member.tracker());
      } catch (RuntimeException | Error e) {
        failed = true;
        LOG.warn("tracker '{}' failed and is switched off for this run: {} (the run folder keeps everything)",
            member.name(), e.toString());
      }
    }

    @Override
    public void run() {
      while (!Thread.currentThread().isInterrupted()) {
        Consumer<Tracker> call = queue.poll();
        if (call == null) {
          // the producer's offer wakes no one: look again after the interval, or when unparked
          LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(DRAIN_INTERVAL_MS));
          continue;
        }
        if (call == STOP) {
          return;
        }
        if (!failed) {
          invoke(call);
        } else if (call instanceof CheckpointCall checkpoint) {
          checkpoint.release(); // a tracker switched off has nothing more to make durable
        }
      }
    }
  }

  private static final Consumer<Tracker> STOP = t -> {};

  /** A tracker's {@code onCheckpoint}, counted down when it has run or when its tracker is switched off. */
  private record CheckpointCall(long step, CountDownLatch done) implements Consumer<Tracker> {
    @Override
    public void accept(Tracker t) {
      try {
        t.onCheckpoint(step);
      } finally {
        release();
      }
    }

    void release() {
      done.countDown();
    }
  }

  private void all(Consumer<Tracker> call) {
    for (Lane lane : lanes) {
      lane.submit(call, false);
    }
  }

  @Override
  public void onTrainingBegin(RunInfo run) {
    all(t -> t.onTrainingBegin(run));
  }

  @Override
  public void onMetrics(long step, Map<String, Double> metrics) {
    Map<String, Double> copy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    all(t -> t.onMetrics(step, copy));
  }

  @Override
  public void onImage(long step, String tag, byte[] png, int width, int height) {
    all(t -> t.onImage(step, tag, png, width, height));
  }

  @Override
  public void onHistogram(long step, String tag, float[] values) {
    all(t -> t.onHistogram(step, tag, values));
  }

  @Override
  public void onWarning(long step, String tag, String message) {
    all(t -> t.onWarning(step, tag, message));
  }

  @Override
  public void onArtifact(Path file, String artifactPath) {
    all(t -> t.onArtifact(file, artifactPath));
  }

  /** Every tracker's {@code onCheckpoint}, waited for (each on its own thread) for at most {@value #CHECKPOINT_WAIT_MS} ms. */
  @Override
  public void onCheckpoint(long step) {
    CountDownLatch done = new CountDownLatch(lanes.size());
    for (Lane lane : lanes) {
      if (!lane.submit(new CheckpointCall(step, done), true)) {
        done.countDown();
      }
    }
    try {
      if (!done.await(CHECKPOINT_WAIT_MS, TimeUnit.MILLISECONDS)) {
        LOG.warn("a tracker did not confirm its records up to step {} within {} ms; the checkpoint is written anyway",
            step, CHECKPOINT_WAIT_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void onTrainingEnd(RunStatus status) {
    all(t -> t.onTrainingEnd(status));
  }

  /** Closes every tracker, waiting at most the close timeout in all for the queues to drain. */
  @Override
  public void close() {
    all(Tracker::close);
    long deadline = System.currentTimeMillis() + closeTimeoutMillis;
    for (Lane lane : lanes) {
      if (lane.thread == null) {
        continue;
      }
      lane.queue.offer(STOP);
      LockSupport.unpark(lane.thread);
      try {
        lane.thread.join(Math.max(1, deadline - System.currentTimeMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (lane.thread.isAlive()) {
        LOG.warn("tracker '{}' did not finish within {} ms; leaving it behind", lane.member.name(), closeTimeoutMillis);
      }
    }
  }

  /** Waits until every asynchronous queue is empty (for tests and before reading results back). */
  public void drain(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (Lane lane : lanes) {
      while (lane.queue != null && !lane.queue.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }
  }
}
