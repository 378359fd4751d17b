package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.trackers.mlflow.SpoolReader.Entry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Delivers a group of {@code metrics} entries exactly once, although {@code runs/log-batch} with
 * metrics is the one call that is not idempotent (each call appends points):
 *
 * <ol>
 *   <li>before the group's first request, the {@link DeliveryLedger} records its {@code seq} range
 *       as in flight;
 *   <li>its points go out in the requests {@link MetricBatching#requests} cuts;
 *   <li>when all succeed, the caller acknowledges the group, which ends the in-flight mark.
 * </ol>
 *
 * <p>A group whose delivery may have reached the server, because a request of it failed in a way
 * that does not prove otherwise (timeout, reset, 5xx) or because the ledger still shows it in
 * flight after a crash, is checked before it is sent again: {@code metrics/get-history} of each of
 * its keys, and only the points ({@link MetricPoint#id}) the server does not have yet are sent.
 * Only a refused connection proves a request was not sent. The check reads the keys' whole
 * histories, which is only done for that one group.
 */
final class MetricDelivery {
  private final StoppableRest rest;
  private final DeliveryLedger ledger;
  private final MetricBatching batching;
  private final DeliveryStats stats;
  private final BooleanSupplier stopped;
  private boolean verifyNext;

  MetricDelivery(
      StoppableRest rest, DeliveryLedger ledger, MetricBatching batching, DeliveryStats stats,
      BooleanSupplier stopped) {
    this.rest = rest;
    this.ledger = ledger;
    this.batching = batching;
    this.stats = stats;
    this.stopped = stopped;
  }

  /**
   * Sends the points of {@code group} the server does not have; true when all of them are there,
   * false when delivery was stopped first. Throws on the first failed request; the group is then
   * checked against the server before it is sent again.
   */
  boolean deliver(List<Entry> group) throws MlflowCallException, IOException {
    long first = group.get(0).seq();
    long last = group.get(group.size() - 1).seq();
    List<MetricPoint> points = new ArrayList<>();
    for (Entry e : group) {
      long step = e.json().path("step").asLong();
      long time = e.json().path("time").asLong();
      e.json().path("values").fields().forEachRemaining(
          f -> points.add(new MetricPoint(f.getKey(), MetricPoint.number(f.getValue()), time, step)));
    }
    boolean verify = verifyNext || ledger.state().uncertain(first, last);
    List<MetricPoint> toSend = points;
    if (verify) {
      toSend = notOnServer(points);
      stats.metricsAlreadyThere += points.size() - toSend.size();
    }
    ledger.markInflight(first, last);
    boolean sentAny = false;
    try {
      for (List<MetricPoint> request : batching.requests(toSend)) {
        if (stopped.getAsBoolean()) {
          verifyNext = verifyNext || sentAny;
          return false;
        }
        ObjectNode req = Spool.JSON.createObjectNode();
        req.put("run_id", ledger.state().runId());
        ArrayNode ms = req.putArray("metrics");
        for (MetricPoint pt : request) {
          ms.addObject().put("key", pt.key()).put("value", pt.value()).put("timestamp", pt.timestamp())
              .put("step", pt.step());
        }
        long t0 = System.nanoTime();
        rest.post("runs/log-batch", req);
        stats.metricNanos += System.nanoTime() - t0;
        sentAny = true;
        stats.metricBatches++;
        stats.metricsSent += ms.size();
      }
    } catch (MlflowCallException ex) {
      verifyNext = verify || sentAny || ex.kind() != MlflowCallException.Kind.NOT_SENT;
      throw ex;
    }
    verifyNext = false;
    return true;
  }

  /** The points the server does not have yet. */
  private List<MetricPoint> notOnServer(List<MetricPoint> points) throws MlflowCallException {
    Set<String> keys = new LinkedHashSet<>();
    points.forEach(p -> keys.add(p.key()));
    Map<String, Set<List<Long>>> have = new HashMap<>();
    for (String key : keys) {
      Set<List<Long>> ids = new HashSet<>();
      String token = "";
      do {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("run_id", ledger.state().runId());
        q.put("metric_key", key);
        q.put("max_results", "25000");
        if (!token.isEmpty()) {
          q.put("page_token", token);
        }
        JsonNode page = rest.get("metrics/get-history", q);
        for (JsonNode m : page.path("metrics")) {
          ids.add(MetricPoint.id(m.path("step").asLong(), m.path("timestamp").asLong(),
              MetricPoint.number(m.path("value"))));
        }
        token = page.path("next_page_token").asText("");
      } while (!token.isEmpty());
      have.put(key, ids);
    }
    List<MetricPoint> out = new ArrayList<>();
    for (MetricPoint p : points) {
      if (!have.get(p.key()).contains(MetricPoint.id(p.step(), p.timestamp(), p.value()))) {
        out.add(p);
      }
    }
    return out;
  }
}
