package dev.gantrack.trackers.mlflow;

import dev.gantrack.trackers.mlflow.SpoolReader.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When metrics are delivered and how many go together: the one place that decides the cadence and
 * the size of the {@code runs/log-batch} calls that carry metrics.
 *
 * <ul>
 *   <li>When: on a time cadence. After a delivery the thread waits until {@value #INTERVAL_MS} ms
 *       have passed since it, or until a full batch ({@value MlflowRest#MAX_METRICS_PER_BATCH}
 *       points) is waiting, whichever comes first, so that a run logging often costs the server one
 *       large call every few seconds instead of one per logged step. On the cadence everything
 *       pending goes; for a full batch only full groups go, the rest waits. The first entries (the
 *       run's creation) and the last (at the end, when the tracker closes) go at once.
 *   <li>How much: a {@linkplain #group group} is the consecutive {@code metrics} entries at the head
 *       of what is pending, up to {@value MlflowRest#MAX_METRICS_PER_BATCH} points (an entry is
 *       never split); its points go out in {@linkplain #requests requests} within MLflow's limits.
 * </ul>
 *
 * <p>A group is the unit of {@link MetricDelivery}'s exactly-once protocol (marked in flight,
 * checked against the server after an unknown outcome, acknowledged as a whole), so whatever
 * cadence and grouping are chosen here keep that guarantee. One instance serves the delivery
 * thread and the courier of a spool; it remembers when the last delivery went out and how many
 * points were appended since (appends come from the training side, hence the atomics).
 */
final class MetricBatching {
  /** Longest time between deliveries while entries are waiting. */
  static final long INTERVAL_MS = 3000;
  private static final int ENVELOPE_BYTES = 100; // {"run_id": ..., "metrics": [...]}

  private final AtomicLong lastDelivery = new AtomicLong(Long.MIN_VALUE / 2);
  private final AtomicInteger pendingPoints = new AtomicInteger();

  /** Counts {@code points} appended to the spool; true when a full batch is now waiting. */
  boolean appended(int points) {
    return pendingPoints.addAndGet(points) >= MlflowRest.MAX_METRICS_PER_BATCH;
  }

  /** True when the cadence says everything pending goes now: {@value #INTERVAL_MS} ms since the last time it all went. */
  boolean due(long nowMillis) {
    return nowMillis - lastDelivery.get() >= INTERVAL_MS;
  }

  /**
   * Notes a delivery round that started at {@code nowMillis}: of everything pending ({@code all}) or of
   * full batches only (a remainder stays for the cadence). The count of pending points starts afresh.
   */
  void delivering(long nowMillis, boolean all) {
    if (all) {
      lastDelivery.set(nowMillis);
    }
    pendingPoints.set(0);
  }

  /**
   * How long to wait, at {@code nowMillis} with new entries waiting, before delivering them: 0 once a
   * full batch waits or {@value #INTERVAL_MS} ms have passed since the last delivery.
   */
  long lingerMillis(long nowMillis) {
    if (pendingPoints.get() >= MlflowRest.MAX_METRICS_PER_BATCH) {
      return 0;
    }
    return Math.max(0, lastDelivery.get() + INTERVAL_MS - nowMillis);
  }

  /**
   * The entries to deliver together as one group: the {@code metrics} entries at the head of {@code
   * pending} (whose first entry is one) while their points stay within {@value
   * MlflowRest#MAX_METRICS_PER_BATCH}; at least the first entry, however many points it has.
   */
  List<Entry> group(Iterable<Entry> pending) {
    List<Entry> group = new ArrayList<>();
    int count = 0;
    for (Entry e : pending) {
      if (!e.op().equals("metrics")) {
        break;
      }
      int n = e.json().path("values").size();
      if (!group.isEmpty() && count + n > MlflowRest.MAX_METRICS_PER_BATCH) {
        break;
      }
      group.add(e);
      count += n;
    }
    return group;
  }

  /**
   * {@code points} in order, cut into the point lists of consecutive {@code runs/log-batch}
   * requests: each at most {@value MlflowRest#MAX_METRICS_PER_BATCH} points and, by a generous
   * estimate, {@value MlflowRest#MAX_BATCH_BYTES} bytes (at least one point each).
   */
  List<List<MetricPoint>> requests(List<MetricPoint> points) {
    List<List<MetricPoint>> requests = new ArrayList<>();
    int i = 0;
    while (i < points.size()) {
      List<MetricPoint> request = new ArrayList<>();
      int bytes = ENVELOPE_BYTES;
      while (i < points.size() && request.size() < MlflowRest.MAX_METRICS_PER_BATCH) {
        int size = points.get(i).key().length() * 6 + 100; // JSON-escaped key, value, timestamp, step
        if (!request.isEmpty() && bytes + size > MlflowRest.MAX_BATCH_BYTES) {
          break;
        }
        request.add(points.get(i));
        bytes += size;
        i++;
      }
      requests.add(request);
    }
    return requests;
  }
}
