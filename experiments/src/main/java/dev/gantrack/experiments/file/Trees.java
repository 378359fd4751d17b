package dev.gantrack.experiments.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Deep merge, dotted-path overrides and flattening of experiment trees. */
public final class Trees {
  private Trees() {}

  /**
   * {@code over} merged onto {@code base} (both unchanged): objects merge key by key; a plugin
   * section whose {@code type:} changes, or a group whose selector changes ({@code isSelector} says
   * which dotted paths are selectors, e.g. {@code ttur.generator.optimizer}), is replaced whole (its
   * old options belong to another choice); lists and scalars are replaced; an explicit null removes
   * the key.
   */
  public static ObjectNode merge(ObjectNode base, ObjectNode over, Predicate<String> isSelector) {
    return merge(base, over, "", isSelector);
  }

  private static ObjectNode merge(ObjectNode base, ObjectNode over, String path, Predicate<String> isSelector) {
    ObjectNode out = base.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> it = over.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode mine = out.get(e.getKey());
      JsonNode theirs = e.getValue();
      String sub = join(path, e.getKey());
      if (theirs.isNull()) {
        out.remove(e.getKey());
      } else if (mine instanceof ObjectNode m && theirs instanceof ObjectNode t && sameChoice(m, t, sub, isSelector)) {
        out.set(e.getKey(), merge(m, t, sub, isSelector));
      } else {
        out.set(e.getKey(), theirs.deepCopy());
      }
    }
    return out;
  }

  /** False when {@code b} gives {@code type} or a selector a value other than {@code a}'s. */
  private static boolean sameChoice(ObjectNode a, ObjectNode b, String path, Predicate<String> isSelector) {
    Iterator<String> names = b.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      boolean selects = name.equals("type") || isSelector.test(join(path, name));
      if (selects && a.has(name) && !b.get(name).isNull() && !a.get(name).equals(b.get(name))) {
        return false;
      }
    }
    return true;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /**
   * Sets {@code path} (dotted; numbers index lists) to {@code value} in {@code root}, creating
   * objects on the way. Setting a section's {@code type}, or a selector ({@code isSelector}), to
   * another value drops the old options beside it.
   */
  public static void set(ObjectNode root, String path, JsonNode value, Predicate<String> isSelector)
      throws IllegalArgumentException {
    String[] parts = path.split("\\.");
    JsonNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = child(node, parts[i], path);
    }
    String last = parts[parts.length - 1];
    if (node instanceof ObjectNode obj) {
      boolean selects = last.equals("type") || isSelector.test(path);
      if (selects && obj.has(last) && !obj.get(last).equals(value)) {
        obj.removeAll();
      }
      if (value.isNull()) {
        obj.remove(last);
      } else {
        obj.set(last, value);
      }
    } else if (node instanceof ArrayNode arr) {
      int index = index(last, arr, path);
      if (index == arr.size()) {
        arr.add(value);
      } else {
        arr.set(index, value);
      }
    } else {
      throw new IllegalArgumentException("'" + path + "' goes through a value that is not a section");
    }
  }

  private static JsonNode child(JsonNode node, String part, String path) {
    if (node instanceof ObjectNode obj) {
      JsonNode c = obj.get(part);
      if (c == null || c.isNull()) {
        c = obj.putObject(part);
      }
      return c;
    }
    if (node instanceof ArrayNode arr) {
      int index = index(part, arr, path);
      if (index == arr.size()) {
        return arr.addObject();
      }
      return arr.get(index);
    }
    throw new IllegalArgumentException("'" + path + "' goes through a value that is not a section");
  }

  private static int index(String part, ArrayNode arr, String path) {
    try {
      int i = Integer.parseInt(part);
      if (i < 0 || i > arr.size()) {
        throw new IllegalArgumentException("'" + path + "': index " + i + " is out of range 0.." + arr.size());
      }
      return i;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + path + "': '" + part + "' must be a list index");
    }
  }

  /** The tree as dotted keys to text values ({@code loss.type=minimax}, {@code trackers.0.type=console}). */
  public static Map<String, String> flatten(JsonNode root) {
    Map<String, String> out = new TreeMap<>();
    flatten(root, "", out);
    return out;
  }

  private static void flatten(JsonNode node, String prefix, Map<String, String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> flatten(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(node.get(i), prefix + "." + i, out);
      }
    } else if (!node.isNull()) {
      out.put(prefix, node.asText());
    }
  }
}
