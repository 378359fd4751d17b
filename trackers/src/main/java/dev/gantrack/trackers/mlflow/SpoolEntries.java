package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.track.RunInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the {@link MlflowTracker}'s spool entries hold, made fit for MLflow: keys it would refuse
 * renamed reversibly, one {@link MlflowKeys} per kind (params, tags, metrics); values cut to its
 * lengths; credentials in values recorded as {@code ***}; and a {@code keymap} entry whenever a
 * key was renamed. The bodies it returns are appended by the tracker ({@link Spool#append}).
 */
final class SpoolEntries {
  private final List<String> secrets;
  private final MlflowKeys paramKeys = new MlflowKeys();
  private final MlflowKeys tagKeys = new MlflowKeys();
  private final MlflowKeys metricKeys = new MlflowKeys();
  private int renamedCount;

  /** @param secrets strings never to record (the credentials' secrets) */
  SpoolEntries(List<String> secrets) {
    this.secrets = secrets;
  }

  private final Set<String> lastStepKeys = new HashSet<>(); // the keys the spool holds at lastStep
  private long lastStep; // the last step of a metrics entry in a reopened spool

  /**
   * Reopening a run's spool (a resumed run): keep renaming keys the way its last keymap says, and
   * return the highest step of a metrics entry already in the spool (0 when none). Every entry in
   * the spool is delivered in time, so a resumed run that logs such a step again would log it twice.
   * That last step may hold only some of its values (a step logs in several calls: the losses, then
   * each metric; the process may have died between them): {@link #notSpooled} keeps the others.
   */
  long restore(Path spoolDir) throws IOException {
    JsonNode lastMap = null;
    long lastStep = 0;
    try (SpoolReader r = new SpoolReader(spoolDir.resolve(Spool.FILE), 0)) {
      List<SpoolReader.Entry> batch;
      long after = 0;
      while (!(batch = r.next(after, 10_000)).isEmpty()) {
        for (SpoolReader.Entry e : batch) {
          if (e.op().equals("keymap")) {
            lastMap = e.json().path("map");
          } else if (e.op().equals("metrics")) {
            long step = e.json().path("step").asLong();
            if (step > lastStep) {
              lastStep = step;
              lastStepKeys.clear();
            }
            if (step == lastStep) {
              e.json().path("values").fieldNames().forEachRemaining(lastStepKeys::add);
            }
          }
          after = e.seq();
        }
      }
    }
    if (lastMap != null) {
      lastMap.path("params").fields().forEachRemaining(f -> paramKeys.restore(f.getKey(), f.getValue().asText()));
      lastMap.path("tags").fields().forEachRemaining(f -> tagKeys.restore(f.getKey(), f.getValue().asText()));
      lastMap.path("metrics").fields().forEachRemaining(f -> metricKeys.restore(f.getKey(), f.getValue().asText()));
      renamedCount = paramKeys.renamedCount() + tagKeys.renamedCount() + metricKeys.renamedCount();
    }
    this.lastStep = lastStep;
    return lastStep;
  }

  /**
   * Of {@code metrics} logged at {@code step} by a resumed run, those the spool does not hold yet:
   * all of them after the spool's last step, none before it, and at it the keys not spooled there.
   */
  Map<String, Double> notSpooled(long step, Map<String, Double> metrics) {
    if (step > lastStep) {
      return metrics;
    }
    if (step < lastStep) {
      return Map.of();
    }
    Map<String, Double> left = new LinkedHashMap<>();
    metrics.forEach((k, v) -> {
      if (!lastStepKeys.contains(metricKeys.map(k))) {
        left.put(k, v);
      }
    });
    return left;
  }

  /**
   * The {@code begin} entry of {@code run}: where it goes (never credentials), the run's names and
   * options, its params and its tags (with the ones MLflow and {@link RunLifecycle} expect); with
   * {@code continuing} (a resumed run whose spool has its first {@code begin}), the step it resumed at.
   */
  Consumer<ObjectNode> begin(RunInfo run, MlflowTrackerSpec spec, boolean continuing) {
    String experiment = spec.experiment() != null ? spec.experiment() : run.experimentName();
    String runName = spec.runName() != null ? spec.runName() : run.runId();
    Map<String, String> params = new TreeMap<>();
    mapKeys(run.comparedParams(), paramKeys).forEach((k, v) -> params.put(k,
        MlflowKeys.truncate(redact(v), MlflowKeys.MAX_PARAM_VALUE_LENGTH)));
    Map<String, String> rawTags = new TreeMap<>(run.tags());
    rawTags.put("mlflow.runName", runName);
    rawTags.put("mlflow.source.name", "gantrack");
    rawTags.put(RunLifecycle.RUN_ID_TAG, run.runId());
    String user = System.getProperty("user.name");
    if (user != null && !user.isBlank()) {
      rawTags.putIfAbsent("mlflow.user", user);
    }
    Map<String, String> tags = new TreeMap<>();
    mapKeys(rawTags, tagKeys).forEach((k, v) -> tags.put(k,
        MlflowKeys.truncate(redact(v), MlflowKeys.MAX_TAG_VALUE_LENGTH)));
    long now = System.currentTimeMillis();
    return n -> {
      n.put("time", now);
      n.put("trackingUri", spec.trackingUri());
      n.put("experiment", experiment);
      n.put("runName", runName);
      n.put("runId", run.runId());
      n.put("uploadArtifacts", spec.uploadArtifacts());
      n.put("retrySeconds", spec.retrySeconds());
      if (continuing) {
        n.put("resumedAtStep", run.resumedAtStep());
      }
      ObjectNode p = n.putObject("params");
      params.forEach(p::put);
      ObjectNode t = n.putObject("tags");
      tags.forEach(t::put);
    };
  }

  /** A {@code metrics} entry: the step, now, and the values (null ones left out) by MLflow key. */
  Consumer<ObjectNode> metrics(long step, Map<String, Double> metrics) {
    long now = System.currentTimeMillis();
    return n -> {
      n.put("step", step);
      n.put("time", now);
      ObjectNode values = n.putObject("values");
      metrics.forEach((k, v) -> {
        if (v != null) {
          values.put(metricKeys.map(k), v.doubleValue());
        }
      });
    };
  }

  /** An {@code artifact} entry: {@code file} (kept relative to {@code runDir} when inside it) uploaded to {@code path}. */
  Consumer<ObjectNode> fileArtifact(String path, Path file, Path runDir) {
    Path abs = file.toAbsolutePath().normalize();
    Path base = runDir.toAbsolutePath().normalize();
    String stored = abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : abs.toString();
    return n -> {
      n.put("path", path);
      n.put("file", stored);
    };
  }

  /** An {@code artifact} entry for bytes the tracker wrote to the spool's {@code blob} file. */
  Consumer<ObjectNode> blobArtifact(String path, String blob) {
    return n -> {
      n.put("path", path);
      n.put("file", blob);
      n.put("blob", true);
    };
  }

  /**
   * A {@code tag} entry: a run tag set after the run began (a warning, under its tag), its key
   * renamed like the begin entry's tags when MLflow would refuse it, its value cut and redacted.
   */
  Consumer<ObjectNode> tag(String key, String value) {
    String k = tagKeys.map(key);
    String v = MlflowKeys.truncate(redact(value), MlflowKeys.MAX_TAG_VALUE_LENGTH);
    return n -> {
      n.put("key", k);
      n.put("value", v);
    };
  }

  /**
   * A {@code keymap} entry with every rename so far when there are new ones since the last, else
   * null.
   *
   * @param upload whether the key map is to be uploaded as an artifact
   */
  Consumer<ObjectNode> keyMapIfChanged(boolean upload) {
    int count = paramKeys.renamedCount() + tagKeys.renamedCount() + metricKeys.renamedCount();
    if (count == renamedCount) {
      return null;
    }
    renamedCount = count;
    Map<String, String> p = paramKeys.renamedInOrder();
    Map<String, String> t = tagKeys.renamedInOrder();
    Map<String, String> m = metricKeys.renamedInOrder();
    return n -> {
      n.put("upload", upload);
      ObjectNode map = n.putObject("map");
      p.forEach(map.putObject("params")::put);
      t.forEach(map.putObject("tags")::put);
      m.forEach(map.putObject("metrics")::put);
    };
  }

  /** An image's artifact path: {@code <tag>/step-XXXXXX.png}, for sample grids their run-folder path. */
  static String imagePath(String tag, long step) {
    return safeName(tag) + "/step-" + String.format("%06d", step) + ".png";
  }

  /** Whether {@code path} ('/'-separated) is a relative path of names, without {@code .} or {@code ..}. */
  static boolean isRelativePathOfNames(String path) {
    boolean bad = path.isEmpty() || path.startsWith("/") || path.endsWith("/");
    for (String segment : path.split("/", -1)) {
      bad |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
    }
    return !bad;
  }

  /**
   * {@code entries} under their MLflow keys: valid keys first, then the others in sorted order, so
   * that a valid key is never the one renamed because of a clash, and renames are reproducible.
   */
  private static Map<String, String> mapKeys(Map<String, String> entries, MlflowKeys keys) {
    Map<String, String> sorted = new TreeMap<>(entries);
    Map<String, String> out = new TreeMap<>();
    sorted.forEach((k, v) -> {
      if (MlflowKeys.isValid(k)) {
        out.put(keys.map(k), v);
      }
    });
    sorted.forEach((k, v) -> {
      if (!MlflowKeys.isValid(k)) {
        out.put(keys.map(k), v);
      }
    });
    return out;
  }

  private String redact(String value) {
    String v = value;
    for (String s : secrets) {
      v = v.replace(s, "***");
    }
    return v;
  }

  private static String safeName(String tag) {
    StringBuilder b = new StringBuilder();
    for (char c : (tag == null || tag.isEmpty() ? "image" : tag).toCharArray()) {
      b.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' ? c : '_');
    }
    String s = b.toString();
    return s.startsWith(".") ? "_" + s.substring(1) : s;
  }
}
