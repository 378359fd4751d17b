package dev.gantrack.trackers.mlflow;

import dev.gantrack.trackers.mlflow.SpoolReader.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * When metrics are delivered and how many go together: the one place that decides the cadence and
 * the size of the {@code runs/log-batch} calls that carry metrics.
 *
 * <ul>
 *   <li>When: once the delivery thread sees new entries it waits {@link #lingerMillis()} more, so
 *       that points recorded meanwhile go in the same calls.
 *   <li>How much: a {@linkplain #group group} is the consecutive {@code metrics} entries at the head
 *       of what is pending, up to {@value MlflowRest#MAX_METRICS_PER_BATCH} points (an entry is
 *       never split); its points go out in {@linkplain #requests requests} within MLflow's limits.
 * </ul>
 *
 * <p>A group is the unit of {@link MetricDelivery}'s exactly-once protocol (marked in flight,
 * checked against the server after an unknown outcome, acknowledged as a whole), so whatever
 * cadence and grouping are chosen here keep that guarantee. One instance serves the delivery
 * thread and the courier of a spool, so a cadence that needs to remember something (say, when the
 * last call went out) can keep it here.
 */
final class MetricBatching {
  private static final long LINGER_MS = 300;
  private static final int ENVELOPE_BYTES = 100; // {"run_id": ..., "metrics": [...]}

  /** How long to wait, after new entries appeared, before delivering them. */
  long lingerMillis() {
    return LINGER_MS;
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
