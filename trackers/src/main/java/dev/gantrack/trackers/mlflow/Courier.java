package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.trackers.mlflow.SpoolReader.Entry;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Delivers a spool to the MLflow server, in {@code seq} order, once.
 *
 * <h2>Idempotency</h2>
 *
 * <p>Every call but one is idempotent on the server, so re-sending after a crash is harmless:
 * getting the experiment by name (created only on 404; "already exists" means someone else just
 * created it), setting tags, logging a param with the value it already has, uploading an artifact
 * to the same path, and setting the final status. The run is created only after {@code
 * runs/search} found no run of the experiment tagged {@code gantrack.run-id = <run id>}, so a
 * create whose answer was lost is not repeated.
 *
 * <p>The exception is {@code runs/log-batch} with metrics: each call appends points (the SQL store
 * happens to drop exact duplicates, the file store and others do not). So metrics are delivered in
 * groups of consecutive {@code metrics} entries with this protocol:
 *
 * <ol>
 *   <li>before the first request of a group, {@code state.json} records the group's {@code seq}
 *       range as in flight (atomically, with {@code fsync});
 *   <li>the group's points (each with the timestamp fixed when it was recorded) go out in requests
 *       of at most 1,000 metrics and about 900 kB;
 *   <li>when all succeed, {@code state.json} records the group as delivered and nothing in flight.
 * </ol>
 *
 * <p>A group whose delivery may have reached the server, because a request of it failed in a way
 * that does not prove otherwise (timeout, reset, 5xx) or because {@code state.json} still shows it
 * in flight after a crash, is checked before it is sent again: {@code metrics/get-history} of each
 * of its keys, and only the points (key, step, timestamp, value) the server does not have yet are
 * sent. A point is compared as the server stores it: NaN as NaN, +-Infinity as +-{@link
 * Double#MAX_VALUE} (the SQL store's form). Only a refused connection proves a request was not
 * sent. The check reads the keys' whole histories, which is only done for that one group.
 */
final class Courier implements Closeable {
  static final int MAX_METRICS_PER_BATCH = 1000;
  static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
  static final int MAX_BATCH_BYTES = 900_000; // the server allows 1 MB; keep room for the envelope
  static final String RUN_ID_TAG = "gantrack.run-id";
  static final String KEY_MAP = "gantrack.key-map.json";
  private static final int READ_AHEAD = 4000;

  /** What was sent, for tests and for {@code gantrack sync}'s summary. */
  static final class Stats {
    long requests;
    long metricBatches;
    long metricsSent;
    long metricsAlreadyThere;
    long paramTagBatches;
    long artifacts;
    long metricNanos; // time spent in metric runs/log-batch requests
  }

  private final Path spoolDir;
  private final Path runDir;
  private final MlflowRest rest;
  private final Consumer<String> warn;
  private final Runnable flush;
  private final BooleanSupplier stopped;
  private final SpoolReader reader;
  private final Deque<Entry> pending = new ArrayDeque<>();
  private final Stats stats = new Stats();
  private volatile SpoolState state;
  private ObjectNode begin;
  private boolean verifyNext;
  private boolean warnedNoProxy;

  /**
   * @param spoolDir the spool folder ({@code <runDir>/mlflow-spool})
   * @param rest the server
   * @param warn where non-fatal problems go (one line each)
   * @param flush forces the spool to disk before state is written (the writer's, if any)
   * @param stopped when true, no new request is started and no state is written
   */
  Courier(Path spoolDir, MlflowRest rest, Consumer<String> warn, Runnable flush, BooleanSupplier stopped)
      throws IOException {
    this.spoolDir = spoolDir;
    this.runDir = spoolDir.getParent();
    this.rest = rest;
    this.warn = warn;
    this.flush = flush;
    this.stopped = stopped;
    this.state = SpoolState.load(spoolDir);
    this.reader = new SpoolReader(spoolDir.resolve(Spool.FILE), state.offset());
  }

  /** The first entry of a spool ({@code begin}), or null when the spool is empty. */
  static ObjectNode readBegin(Path spoolDir) throws IOException {
    try (SpoolReader r = new SpoolReader(spoolDir.resolve(Spool.FILE), 0)) {
      List<Entry> first = r.next(0, 1);
      return first.isEmpty() || !first.get(0).op().equals("begin") ? null : first.get(0).json();
    }
  }

  /** The highest {@code seq} delivered. */
  long delivered() {
    return state.delivered();
  }

  SpoolState state() {
    return state;
  }

  Stats stats() {
    return stats;
  }

  /**
   * Delivers every complete entry in the spool now; returns when there is none left (or when
   * stopped). Throws on the first failure; what was delivered before it stays delivered.
   */
  void deliverAvailable() throws MlflowCallException, IOException {
    while (!stopped.getAsBoolean()) {
      if (pending.size() < READ_AHEAD) {
        long after = pending.isEmpty() ? state.delivered() : pending.peekLast().seq();
        pending.addAll(reader.next(after, READ_AHEAD));
      }
      Entry e = pending.peekFirst();
      if (e == null) {
        return;
      }
      switch (e.op()) {
        case "begin" -> deliverBegin(e);
        case "metrics" -> deliverMetrics();
        case "artifact" -> deliverArtifact(e);
        case "keymap" -> deliverKeyMap(e);
        case "end" -> deliverEnd(e);
        default -> {
          warn.accept("mlflow: spool entry " + e.seq() + " has unknown op '" + e.op() + "'; skipped");
          ack(e);
        }
      }
    }
  }

  // ---- run ----------------------------------------------------------------------------------

  private void ensureRun() throws MlflowCallException, IOException {
    if (state.runId() != null) {
      return;
    }
    if (begin == null) {
      begin = readBegin(spoolDir);
      if (begin == null) {
        throw new MlflowCallException(MlflowCallException.Kind.REJECTED, 0, "",
            "spool " + spoolDir + " does not start with a 'begin' entry", null);
      }
    }
    String experimentId = state.experimentId() != null ? state.experimentId() : experiment(begin.path("experiment").asText());
    String gantrackRunId = begin.path("runId").asText();
    JsonNode info = findRun(experimentId, gantrackRunId);
    if (info == null) {
      ObjectNode req = Spool.JSON.createObjectNode();
      req.put("experiment_id", experimentId);
      req.put("run_name", begin.path("runName").asText());
      req.put("start_time", begin.path("time").asLong());
      ArrayNode tags = req.putArray("tags");
      addTag(tags, RUN_ID_TAG, gantrackRunId);
      addTag(tags, "mlflow.runName", begin.path("runName").asText());
      addTag(tags, "mlflow.source.name", "gantrack");
      info = call(() -> rest.post("runs/create", req)).path("run").path("info");
    }
    String runId = info.path("run_id").asText(info.path("run_uuid").asText(""));
    if (runId.isEmpty()) {
      throw new MlflowCallException(MlflowCallException.Kind.UNCERTAIN, 200, "",
          "runs/create: the answer has no run id", null);
    }
    state = state.withRun(experimentId, runId, info.path("artifact_uri").asText(null));
    saveState();
  }

  private String experiment(String name) throws MlflowCallException {
    for (int attempt = 0; ; attempt++) {
      try {
        JsonNode exp = call(() -> rest.get("experiments/get-by-name", Map.of("experiment_name", name)))
            .path("experiment");
        if ("deleted".equals(exp.path("lifecycle_stage").asText())) {
          throw new MlflowCallException(MlflowCallException.Kind.REJECTED, 0, "",
              "MLflow experiment '" + name + "' (id " + exp.path("experiment_id").asText()
                  + ") is deleted; restore it (mlflow experiments restore --experiment-id "
                  + exp.path("experiment_id").asText() + ") or set another 'experiment:'", null);
        }
        return exp.path("experiment_id").asText();
      } catch (MlflowCallException e) {
        if (!(e.status() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) || attempt > 0) {
          throw e;
        }
      }
      try {
        ObjectNode req = Spool.JSON.createObjectNode().put("name", name);
        return call(() -> rest.post("experiments/create", req)).path("experiment_id").asText();
      } catch (MlflowCallException e) {
        if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
          throw e;
        }
        // created meanwhile by someone else: get it by name again
      }
    }
  }

  private JsonNode findRun(String experimentId, String gantrackRunId) throws MlflowCallException {
    if (gantrackRunId.contains("'") || gantrackRunId.contains("\\")) {
      return null; // cannot be quoted in a filter; run ids never contain these
    }
    ObjectNode req = Spool.JSON.createObjectNode();
    req.putArray("experiment_ids").add(experimentId);
    req.put("filter", "tags.`" + RUN_ID_TAG + "` = '" + gantrackRunId + "'");
    req.put("max_results", 1);
    JsonNode runs = call(() -> rest.post("runs/search", req)).path("runs");
    return runs.isArray() && runs.size() > 0 ? runs.get(0).path("info") : null;
  }

  private void deliverBegin(Entry e) throws MlflowCallException, IOException {
    begin = e.json();
    ensureRun();
    List<Map.Entry<String, String>> params = pairs(e.json().path("params"));
    List<Map.Entry<String, String>> tags = pairs(e.json().path("tags"));
    int p = 0;
    int t = 0;
    while (p < params.size() || t < tags.size()) {
      ObjectNode req = Spool.JSON.createObjectNode();
      req.put("run_id", state.runId());
      ArrayNode ps = req.putArray("params");
      ArrayNode ts = req.putArray("tags");
      int bytes = 100;
      while (p < params.size() && ps.size() < MAX_PARAMS_TAGS_PER_BATCH) {
        int size = jsonSize(params.get(p));
        if (ps.size() > 0 && bytes + size > MAX_BATCH_BYTES) {
          break;
        }
        ps.addObject().put("key", params.get(p).getKey()).put("value", params.get(p).getValue());
        bytes += size;
        p++;
      }
      while (t < tags.size() && ts.size() < MAX_PARAMS_TAGS_PER_BATCH) {
        int size = jsonSize(tags.get(t));
        if (ps.size() + ts.size() > 0 && bytes + size > MAX_BATCH_BYTES) {
          break;
        }
        ts.addObject().put("key", tags.get(t).getKey()).put("value", tags.get(t).getValue());
        bytes += size;
        t++;
      }
      call(() -> rest.post("runs/log-batch", req));
      stats.paramTagBatches++;
    }
    ack(e);
  }

  private void deliverEnd(Entry e) throws MlflowCallException, IOException {
    ensureRun();
    ObjectNode req = Spool.JSON.createObjectNode();
    req.put("run_id", state.runId());
    req.put("status", e.json().path("status").asText("FINISHED"));
    req.put("end_time", e.json().path("time").asLong());
    call(() -> rest.post("runs/update", req));
    ack(e);
  }

  // ---- metrics ------------------------------------------------------------------------------

  /** One metric point as sent. */
  record Point(String key, double value, long timestamp, long step) {}

  private void deliverMetrics() throws MlflowCallException, IOException {
    ensureRun();
    List<Entry> group = new ArrayList<>();
    int count = 0;
    for (Entry e : pending) {
      if (!e.op().equals("metrics")) {
        break;
      }
      int n = e.json().path("values").size();
      if (!group.isEmpty() && count + n > MAX_METRICS_PER_BATCH) {
        break;
      }
      group.add(e);
      count += n;
    }
    long first = group.get(0).seq();
    Entry last = group.get(group.size() - 1);
    List<Point> points = new ArrayList<>(count);
    for (Entry e : group) {
      long step = e.json().path("step").asLong();
      long time = e.json().path("time").asLong();
      e.json().path("values").fields().forEachRemaining(
          f -> points.add(new Point(f.getKey(), number(f.getValue()), time, step)));
    }
    boolean verify = verifyNext || state.uncertain(first, last.seq());
    List<Point> toSend = points;
    if (verify) {
      toSend = notOnServer(points);
      stats.metricsAlreadyThere += points.size() - toSend.size();
    }
    state = state.withInflight(first, last.seq());
    saveState();
    int i = 0;
    boolean sentAny = false;
    try {
      while (i < toSend.size()) {
        if (stopped.getAsBoolean()) {
          verifyNext = verifyNext || sentAny;
          return;
        }
        ObjectNode req = Spool.JSON.createObjectNode();
        req.put("run_id", state.runId());
        ArrayNode ms = req.putArray("metrics");
        int bytes = 100;
        while (i < toSend.size() && ms.size() < MAX_METRICS_PER_BATCH) {
          Point pt = toSend.get(i);
          int size = pt.key().length() * 6 + 100;
          if (ms.size() > 0 && bytes + size > MAX_BATCH_BYTES) {
            break;
          }
          ObjectNode m = ms.addObject();
          m.put("key", pt.key()).put("value", pt.value()).put("timestamp", pt.timestamp()).put("step", pt.step());
          bytes += size;
          i++;
        }
        long t0 = System.nanoTime();
        call(() -> rest.post("runs/log-batch", req));
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
    for (int k = 0; k < group.size() - 1; k++) {
      pending.removeFirst();
    }
    ack(last);
  }

  /** The points the server does not have yet. */
  private List<Point> notOnServer(List<Point> points) throws MlflowCallException {
    Set<String> keys = new LinkedHashSet<>();
    points.forEach(p -> keys.add(p.key()));
    Map<String, Set<List<Long>>> have = new HashMap<>();
    for (String key : keys) {
      Set<List<Long>> ids = new HashSet<>();
      String token = "";
      do {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("run_id", state.runId());
        q.put("metric_key", key);
        q.put("max_results", "25000");
        if (!token.isEmpty()) {
          q.put("page_token", token);
        }
        JsonNode page = call(() -> rest.get("metrics/get-history", q));
        for (JsonNode m : page.path("metrics")) {
          ids.add(id(m.path("step").asLong(), m.path("timestamp").asLong(), number(m.path("value"))));
        }
        token = page.path("next_page_token").asText("");
      } while (!token.isEmpty());
      have.put(key, ids);
    }
    List<Point> out = new ArrayList<>();
    for (Point p : points) {
      if (!have.get(p.key()).contains(id(p.step(), p.timestamp(), p.value()))) {
        out.add(p);
      }
    }
    return out;
  }

  private static List<Long> id(long step, long timestamp, double value) {
    return List.of(step, timestamp, Double.doubleToLongBits(stored(value)));
  }

  /** A value as the SQL store keeps it: +-Infinity as +-MAX_VALUE, one NaN, no -0. */
  static double stored(double v) {
    if (Double.isNaN(v)) {
      return Double.NaN;
    }
    if (v == Double.POSITIVE_INFINITY) {
      return Double.MAX_VALUE;
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return -Double.MAX_VALUE;
    }
    return v == 0.0 ? 0.0 : v;
  }

  /** A JSON number, or one of the strings "NaN", "Infinity", "-Infinity". */
  static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    String s = n.asText();
    return switch (s) {
      case "NaN", "nan" -> Double.NaN;
      case "Infinity", "inf", "+Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  // ---- artifacts ----------------------------------------------------------------------------

  private void deliverArtifact(Entry e) throws MlflowCallException, IOException {
    ensureRun();
    String artifactPath = e.json().path("path").asText();
    Path file = resolveFile(e.json());
    String root = proxiedRoot();
    if (root == null) {
      ack(e);
      return;
    }
    if (!Files.isRegularFile(file)) {
      warn.accept("mlflow: artifact " + artifactPath + " not uploaded: " + file + " is missing or not a file");
      ack(e);
      return;
    }
    long size = Files.size(file);
    try {
      call(() -> {
        rest.putArtifact(root, artifactPath, file, size);
        return null;
      });
    } catch (MlflowCallException ex) {
      if (ex.status() == 0 && ex.kind() == MlflowCallException.Kind.REJECTED) { // file vanished
        warn.accept("mlflow: artifact " + artifactPath + " not uploaded: " + ex.getMessage());
        ack(e);
        return;
      }
      throw ex;
    }
    stats.artifacts++;
    ack(e);
    if (e.json().path("blob").asBoolean(false)) {
      Files.deleteIfExists(file);
    }
  }

  private void deliverKeyMap(Entry e) throws MlflowCallException, IOException {
    ensureRun();
    ObjectNode map = (ObjectNode) e.json().path("map");
    String text = Spool.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(map);
    boolean upload = e.json().path("upload").asBoolean(true);
    String root = upload ? proxiedRoot() : null;
    if (root != null) {
      call(() -> {
        rest.putArtifact(root, KEY_MAP, Spool.utf8(text));
        return null;
      });
      stats.artifacts++;
    }
    String compact = Spool.JSON.writeValueAsString(map);
    String tagValue = compact.length() <= MlflowKeys.MAX_TAG_VALUE_LENGTH
        ? compact
        : root != null ? "see artifact " + KEY_MAP : MlflowKeys.truncate(compact, MlflowKeys.MAX_TAG_VALUE_LENGTH);
    ObjectNode req = Spool.JSON.createObjectNode();
    req.put("run_id", state.runId());
    req.put("key", "gantrack.key-map");
    req.put("value", tagValue);
    call(() -> rest.post("runs/set-tag", req));
    ack(e);
  }

  private Path resolveFile(JsonNode entry) {
    String f = entry.path("file").asText();
    if (entry.path("blob").asBoolean(false)) {
      return spoolDir.resolve(f);
    }
    Path p = Path.of(f);
    return p.isAbsolute() ? p : runDir.resolve(p);
  }

  /**
   * The run's artifact root as a path under the proxy ({@code 1/<run>/artifacts}), or null (with
   * one warning) when the server does not proxy this run's artifacts.
   */
  private String proxiedRoot() {
    String uri = state.artifactUri();
    if (uri != null && uri.startsWith("mlflow-artifacts:")) {
      String path = URI.create(uri).getPath();
      if (path != null) {
        while (path.startsWith("/")) {
          path = path.substring(1);
        }
        while (path.endsWith("/")) {
          path = path.substring(0, path.length() - 1);
        }
        return path;
      }
    }
    if (!warnedNoProxy) {
      warnedNoProxy = true;
      warn.accept("mlflow: artifacts are not uploaded: the server stores this run's artifacts at '" + uri
          + "', which gantrack can reach only through the server's artifact proxy (start the server "
          + "with --serve-artifacts and --artifacts-destination); they stay in the run folder");
    }
    return null;
  }

  // ---- plumbing -----------------------------------------------------------------------------

  private interface Call<T> {
    T run() throws MlflowCallException;
  }

  private <T> T call(Call<T> c) throws MlflowCallException {
    if (stopped.getAsBoolean()) {
      throw new MlflowCallException(MlflowCallException.Kind.NOT_SENT, 0, "", "stopped", null);
    }
    stats.requests++;
    return c.run();
  }

  private void ack(Entry e) throws IOException {
    if (!pending.isEmpty() && pending.peekFirst().seq() == e.seq()) {
      pending.removeFirst();
    }
    state = state.withDelivered(e.seq(), e.endOffset());
    saveState();
  }

  private void saveState() throws IOException {
    if (stopped.getAsBoolean()) {
      return;
    }
    flush.run();
    state.save(spoolDir);
  }

  private static List<Map.Entry<String, String>> pairs(JsonNode obj) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      out.add(Map.entry(f.getKey(), f.getValue().asText()));
    }
    return out;
  }

  private static void addTag(ArrayNode tags, String key, String value) {
    tags.addObject().put("key", key).put("value", value);
  }

  /** The JSON size of one {@code {"key": ..., "value": ...}} object, plus a comma. */
  private static int jsonSize(Map.Entry<String, String> kv) {
    try {
      return Spool.JSON.writeValueAsBytes(kv.getKey()).length
          + Spool.JSON.writeValueAsBytes(kv.getValue()).length + 20;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
