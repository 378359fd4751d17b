package dev.gantrack.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.run.CheckpointInfo;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.Trees;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The fields of an experiment that differ between what a run trained with so far and what it is to
 * be resumed with (an edited {@code experiment.yaml}, {@code --set}), each with its value before and
 * after (null when absent). Two kinds may change freely: {@code training.steps}, to train a run
 * further, and {@code trackers}, which record a run without changing it; any other change makes the
 * resumed run a different one and is refused unless forced.
 */
public final class ExperimentChanges {
  /** A field's value before and after; null when it was or is absent. */
  public record Change(String before, String after) {}

  private final Map<String, Change> changes;

  private ExperimentChanges(Map<String, Change> changes) {
    this.changes = changes;
  }

  /** The changed fields between two resolved experiment trees, by dotted path. */
  static ExperimentChanges between(JsonNode before, JsonNode after) {
    Map<String, String> a = Trees.flatten(before);
    Map<String, String> b = Trees.flatten(after);
    Map<String, Change> out = new LinkedHashMap<>();
    for (String key : new TreeSet<>(union(a, b))) {
      String x = a.get(key);
      String y = b.get(key);
      if (x == null ? y != null : !x.equals(y)) {
        out.put(key, new Change(x, y));
      }
    }
    return new ExperimentChanges(out);
  }

  private static TreeSet<String> union(Map<String, String> a, Map<String, String> b) {
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  /**
   * Refuses a resume that has nothing to train ({@code steps} not beyond the checkpoint's step) and,
   * unless {@code force}, one that changes a field other than {@code training.steps} and {@code trackers}.
   */
  void check(Path file, CheckpointInfo checkpoint, long steps, boolean force) throws ExperimentException {
    if (steps <= checkpoint.step()) {
      throw new ExperimentException(file, "training.steps", "the run is at step " + checkpoint.step() + " ("
          + checkpoint.name() + ") of " + steps + "; nothing is left to train (to train it further: --set"
          + " training.steps=N with N > " + checkpoint.step() + ")");
    }
    Map<String, Change> refused = new LinkedHashMap<>(changes);
    refused.keySet().removeIf(k -> k.equals("training.steps") || k.equals("trackers") || k.startsWith("trackers."));
    if (!refused.isEmpty() && !force) {
      throw new ExperimentException(file, "", "changed since the run started: " + describe(refused) + "; a resume"
          + " continues the same experiment (undo the change, or add --force to resume with it anyway)");
    }
  }

  /** True when nothing changed. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** The changed fields. */
  public Map<String, Change> changes() {
    return changes;
  }

  /** {@code {"training.steps": {"from": "1000", "to": "2000"}, ...}}. */
  ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    changes.forEach((k, c) -> {
      ObjectNode n = out.putObject(k);
      n.put("from", c.before());
      n.put("to", c.after());
    });
    return out;
  }

  private static String describe(Map<String, Change> changes) {
    return changes.entrySet().stream()
        .map(e -> e.getKey() + " (" + show(e.getValue().before()) + " -> " + show(e.getValue().after()) + ")")
        .collect(Collectors.joining(", "));
  }

  private static String show(String value) {
    return value == null ? "absent" : value;
  }

  @Override
  public String toString() {
    return describe(changes);
  }
}
