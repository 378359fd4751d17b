package dev.gantrack.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.file.Trees;
import dev.gantrack.experiments.run.Provenance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Makes a sweep's trials: every combination of the grid (the last axis fastest), or {@code random}
 * draws (a grid value picked at random, a range sampled, from a generator seeded by the experiment's
 * seed so that the same command plans the same trials), each repeated with seeds {@code seed, seed+1,
 * ...}. Every trial is loaded and validated as {@code gantrack validate} would, so a path that names
 * no option or a value that is not allowed stops the sweep before its first trial, naming where the
 * value came from. A file without a seed sweeps with seed 1: a sweep must plan the same trials
 * again to be resumable.
 *
 * <p>Each trial also gets a TensorBoard tracker whose runs leave the HParams experiment summary out,
 * so that TensorBoard derives the dashboard's columns from all trials (an existing {@code
 * tensorboard} entry is switched to that), plus any {@code extraTrackers} types ({@code mlflow}).
 */
public final class SweepPlanner {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final ExperimentLoader loader;

  public SweepPlanner(ExperimentLoader loader) {
    this.loader = loader;
  }

  /** The trials of {@code def}; {@code base} is its file loaded with its {@code --set}s. */
  public SweepPlan plan(SweepDefinition def, ExperimentLoader.WithSweep base, List<String> extraTrackers)
      throws ExperimentException {
    long baseSeed = base.seedGiven() ? base.loaded().experiment().seed() : 1;
    Map<String, JsonNode> hidden = trackerValues(base.loaded().resolved(), extraTrackers);
    if (!base.seedGiven()) {
      hidden.put("seed", LongNode.valueOf(baseSeed));
    }
    List<Map<String, JsonNode>> points = def.random() > 0 ? sampled(def, baseSeed) : grid(def.options());
    List<PlannedTrial> trials = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    int duplicates = 0;
    for (Map<String, JsonNode> point : points) {
      for (int s = 0; s < def.seeds(); s++) {
        Map<String, JsonNode> swept = new LinkedHashMap<>(point);
        if (def.seeds() > 1) {
          swept.put("seed", LongNode.valueOf(baseSeed + s));
        }
        PlannedTrial t = trial(def, trials.size() + 1, swept, hidden);
        if (keys.add(t.key())) {
          trials.add(t);
        } else {
          duplicates++;
        }
      }
    }
    StringBuilder all = new StringBuilder();
    trials.forEach(t -> all.append(t.key()).append('\n'));
    String id = base.loaded().experiment().name() + "-" + Provenance.sha256(all.toString()).substring(0, 8);
    return new SweepPlan(id, def, trials, duplicates);
  }

  private PlannedTrial trial(SweepDefinition def, int index, Map<String, JsonNode> swept, Map<String, JsonNode> hidden)
      throws ExperimentException {
    Map<String, JsonNode> values = new LinkedHashMap<>(hidden);
    values.putAll(swept);
    ExperimentLoader.Loaded loaded;
    try {
      loaded = loader.loadWithSweep(def.file(), def.sets(), values).loaded();
    } catch (ExperimentException e) {
      throw blame(def, e, swept);
    }
    ObjectNode portable = loader.portableTree(loaded);
    ObjectNode keyed = portable.deepCopy();
    keyed.remove("trackers");
    String key = Provenance.sha256(Trees.flatten(keyed).toString()).substring(0, 12);
    Map<String, String> params = Trees.flatten(loaded.resolved());
    Map<String, String> shown = new LinkedHashMap<>();
    swept.forEach((path, node) -> shown.put(path, params.getOrDefault(path, node.isValueNode() ? node.asText() : node.toString())));
    return new PlannedTrial(index, key, shown, loaded, loader.toYaml(portable));
  }

  /** The trial's failure, named by the swept option it came from when it did. */
  private static ExperimentException blame(SweepDefinition def, ExperimentException e, Map<String, JsonNode> swept) {
    String label = swept.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).reduce((a, b) -> a + " " + b).orElse("");
    for (SweptOption o : def.options()) {
      String f = e.field();
      if (f.equals(o.path())) {
        return new ExperimentException(def.file(), o.origin(), e.problem());
      }
      if (f.startsWith(o.path() + ".") || o.path().startsWith(f + ".")) {
        return new ExperimentException(def.file(), o.origin() + " (" + f + ")", e.problem());
      }
    }
    return new ExperimentException(e.file(), e.field(), e.problem() + " (in the sweep's trial " + label + ")");
  }

  private static List<Map<String, JsonNode>> grid(List<SweptOption> options) {
    List<Map<String, JsonNode>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (SweptOption o : options) {
      List<Map<String, JsonNode>> next = new ArrayList<>();
      for (Map<String, JsonNode> p : points) {
        for (JsonNode v : o.values()) {
          Map<String, JsonNode> q = new LinkedHashMap<>(p);
          q.put(o.path(), v);
          next.add(q);
        }
      }
      points = next;
    }
    return points;
  }

  private static List<Map<String, JsonNode>> sampled(SweepDefinition def, long seed) {
    Random random = new Random(seed * 1_000_003L + def.random());
    List<Map<String, JsonNode>> points = new ArrayList<>();
    for (int i = 0; i < def.random(); i++) {
      Map<String, JsonNode> p = new LinkedHashMap<>();
      for (SweptOption o : def.options()) {
        p.put(o.path(), o.range() != null ? o.range().sample(random) : o.values().get(random.nextInt(o.values().size())));
      }
      points.add(p);
    }
    return points;
  }

  /** Tracker entries every trial gets: TensorBoard without its own HParams experiment summary, and the extra types. */
  private static Map<String, JsonNode> trackerValues(ObjectNode resolved, List<String> extraTrackers) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    JsonNode trackers = resolved.path("trackers");
    int n = trackers.size();
    boolean tensorboard = false;
    Set<String> present = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String type = trackers.get(i).path("type").asText();
      present.add(type);
      if (type.equals("tensorboard")) {
        values.put("trackers." + i + ".hparams-experiment", F.booleanNode(false));
        tensorboard = true;
      }
    }
    if (!tensorboard) {
      values.put("trackers." + n++, F.objectNode().put("type", "tensorboard").put("hparams-experiment", false));
    }
    for (String type : extraTrackers) {
      if (!present.contains(type) && !type.equals("tensorboard")) {
        values.put("trackers." + n++, F.objectNode().put("type", type));
        present.add(type);
      }
    }
    return values;
  }
}
