package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.trackers.mlflow.SpoolReader.Entry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which metrics entries are delivered together, and how their points are cut into requests. */
class MetricBatchingTest {
  private final MetricBatching batching = new MetricBatching();
  private long seq;

  private Entry metrics(int points) {
    ObjectNode json = Spool.JSON.createObjectNode().put("seq", ++seq).put("op", "metrics");
    ObjectNode values = json.putObject("values");
    for (int i = 0; i < points; i++) {
      values.put("k" + i, i);
    }
    return new Entry(seq, "metrics", json, seq * 100);
  }

  private Entry other(String op) {
    return new Entry(++seq, op, Spool.JSON.createObjectNode().put("seq", seq).put("op", op), seq * 100);
  }

  private static List<MetricPoint> points(int n, String key) {
    List<MetricPoint> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new MetricPoint(key, i, 1000L + i, i));
    }
    return out;
  }

  @Test
  void aGroupEndsAtTheFirstEntryThatIsNotMetrics() {
    List<Entry> pending = List.of(metrics(3), metrics(3), other("artifact"), metrics(3));
    assertEquals(pending.subList(0, 2), batching.group(pending));
  }

  @Test
  void aGroupHoldsWholeEntriesUpToAThousandPoints() {
    List<Entry> pending = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      pending.add(metrics(3)); // 333 entries are 999 points; the 334th would make 1,002
    }
    List<Entry> group = batching.group(pending);
    assertEquals(333, group.size());
    assertEquals(pending.subList(0, 333), group);
    assertEquals(List.of(pending.get(0)), batching.group(List.of(pending.get(0), metrics(1000))));
  }

  @Test
  void anEntryWithMoreThanAThousandPointsIsAGroupOfItsOwn() {
    Entry big = metrics(1500);
    assertEquals(List.of(big), batching.group(List.of(big, metrics(1))));
  }

  @Test
  void requestsHoldAtMostAThousandPointsInOrder() {
    List<MetricPoint> points = points(2500, "d_loss");
    List<List<MetricPoint>> requests = batching.requests(points);
    assertEquals(List.of(1000, 1000, 500), requests.stream().map(List::size).toList());
    List<MetricPoint> joined = new ArrayList<>();
    requests.forEach(joined::addAll);
    assertEquals(points, joined);
    assertEquals(List.of(), batching.requests(List.of()));
  }

  @Test
  void requestsStayWithinTheByteBudgetWithLongKeys() {
    String key = "k".repeat(250); // 250 * 6 + 100 = 1,600 estimated bytes a point
    List<List<MetricPoint>> requests = batching.requests(points(1000, key));
    int perRequest = (MlflowRest.MAX_BATCH_BYTES - 100) / 1600; // 562
    assertEquals(perRequest, requests.get(0).size());
    assertEquals(1000 - perRequest, requests.get(1).size());
    assertTrue(100 + requests.get(0).size() * 1600 <= MlflowRest.MAX_BATCH_BYTES);
  }

  @Test
  void deliveriesWaitForTheCadenceUnlessAFullBatchIsWaiting() {
    MetricBatching cadence = new MetricBatching();
    assertEquals(0, cadence.lingerMillis(50_000), "the first delivery (the run's creation) goes at once");
    assertTrue(cadence.due(50_000), "and it takes everything");
    cadence.delivering(50_000, true);
    assertFalse(cadence.due(50_000 + MetricBatching.INTERVAL_MS - 1));
    assertTrue(cadence.due(50_000 + MetricBatching.INTERVAL_MS));
    assertEquals(MetricBatching.INTERVAL_MS, cadence.lingerMillis(50_000));
    assertEquals(MetricBatching.INTERVAL_MS - 1200, cadence.lingerMillis(51_200));
    assertEquals(0, cadence.lingerMillis(50_000 + MetricBatching.INTERVAL_MS), "at most one interval apart");
    assertFalse(cadence.appended(600));
    assertTrue(cadence.lingerMillis(50_100) > 0, "600 points wait for the cadence");
    assertTrue(cadence.appended(400), "1,000 points are a full batch");
    assertEquals(0, cadence.lingerMillis(50_100), "a full batch goes at once");
    cadence.delivering(50_200, false);
    assertEquals(MetricBatching.INTERVAL_MS - 200, cadence.lingerMillis(50_200),
        "after full batches the rest waits for the cadence, which a full batch does not move");
  }
}
