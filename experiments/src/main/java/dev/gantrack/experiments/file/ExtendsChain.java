package dev.gantrack.experiments.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An experiment file and the files it {@code extends}, resolved onto the embedded defaults: bases
 * first (each base's own chain before it), the file last. Each file's relative path options ({@link
 * dev.gantrack.api.spec.FileOption}) are rebased so that, read from the top file's folder as specs
 * resolve them, they point where the file that wrote them meant; a section whose {@code type:}
 * changes, or a group whose selector changes, is replaced whole. Which options are paths or
 * selectors comes from the spec classes of each section's effective type: its own, else the one
 * the files before it gave, else the resolved one (which may come from the defaults).
 */
final class ExtendsChain {
  private static final int MAX_EXTENDS = 16;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** One file: its real folder, what it says ({@code extends} removed) and the files it extends. */
  private record Layer(Path folder, ObjectNode tree, List<Layer> bases) {}

  private final SpecOptions options;

  ExtendsChain(SpecOptions options) {
    this.options = options;
  }

  /** {@code defaults}, then {@code file}'s chain, merged; relative paths rebased to {@code file}'s folder. */
  ObjectNode resolve(ObjectNode defaults, Path file) throws ExperimentException {
    Layer top = read(file, new ArrayDeque<>());
    Path topFolder = file.toAbsolutePath().normalize().getParent();
    ObjectNode plain = merge(defaults, flatten(top, null, F.objectNode()), F.objectNode());
    return merge(defaults, flatten(top, topFolder, plain), plain);
  }

  /** The selector test of dotted paths for merging {@code over} onto {@code base}. */
  Predicate<String> selectors(ObjectNode base, ObjectNode over, ObjectNode resolved) {
    Function<String, String> type = section -> firstType(section, over, base, resolved);
    return path -> options.at(path, type).map(SpecOptions.Option::selector).orElse(false);
  }

  private ObjectNode merge(ObjectNode base, ObjectNode over, ObjectNode resolved) {
    return Trees.merge(base, over, selectors(base, over, resolved));
  }

  /** The layer's chain merged (bases first); its paths rebased to {@code topFolder} unless that is null. */
  private ObjectNode flatten(Layer layer, Path topFolder, ObjectNode resolved) {
    ObjectNode merged = F.objectNode();
    for (Layer base : layer.bases()) {
      merged = merge(merged, flatten(base, topFolder, resolved), resolved);
    }
    ObjectNode own = layer.tree();
    if (topFolder != null && !layer.folder().equals(topFolder)) {
      own = own.deepCopy();
      ObjectNode before = merged;
      Function<String, String> type = section -> firstType(section, layer.tree(), before, resolved);
      rebase(own, "", type, layer.folder(), topFolder);
    }
    return merge(merged, own, resolved);
  }

  private static String firstType(String section, ObjectNode... trees) {
    for (ObjectNode t : trees) {
      String type = SpecOptions.typeAt(t, section);
      if (type != null) {
        return type;
      }
    }
    return null;
  }

  /** Rewrites, under {@code node} at {@code path}, each relative path option from {@code from} to {@code to}. */
  private void rebase(JsonNode node, String path, Function<String, String> type, Path from, Path to) {
    if (node instanceof ObjectNode obj) {
      Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String sub = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        boolean file = options.at(sub, type).map(SpecOptions.Option::file).orElse(false);
        if (file && e.getValue().isTextual()) {
          e.setValue(rebased(e.getValue().asText(), from, to));
        } else if (file && e.getValue() instanceof ArrayNode items) {
          for (int i = 0; i < items.size(); i++) {
            if (items.get(i).isTextual()) {
              items.set(i, rebased(items.get(i).asText(), from, to));
            }
          }
        } else {
          rebase(e.getValue(), sub, type, from, to);
        }
      }
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        rebase(arr.get(i), path + "." + i, type, from, to);
      }
    }
  }

  /** Makes every relative path option of the resolved {@code tree} absolute against {@code folder}. */
  void absolutize(ObjectNode tree, Path folder) {
    rebase(tree, "", section -> SpecOptions.typeAt(tree, section), folder, null);
  }

  /** {@code value}, relative to {@code from}, made relative to {@code to} (absolute when {@code to} is null). */
  private static TextNode rebased(String value, Path from, Path to) {
    Path p;
    try {
      p = Path.of(value);
    } catch (RuntimeException e) {
      return TextNode.valueOf(value);
    }
    if (p.isAbsolute() || value.isBlank()) {
      return TextNode.valueOf(value);
    }
    Path target = from.resolve(p).normalize();
    return TextNode.valueOf((to == null ? target : to.relativize(target)).toString());
  }

  private static Layer read(Path file, Deque<Path> chain) throws ExperimentException {
    Path real;
    byte[] bytes;
    try {
      real = file.toRealPath();
      if (!Files.isRegularFile(real)) {
        throw new ExperimentException(file, "", "not a regular file");
      }
      if (Files.size(real) > SafeYaml.MAX_BYTES) {
        throw new ExperimentException(file, "", "file is larger than " + SafeYaml.MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(real);
    } catch (NoSuchFileException e) {
      Path from = chain.peekLast();
      throw new ExperimentException(from == null ? file : from, from == null ? "" : "extends", "file not found: " + file);
    } catch (IOException e) {
      throw new ExperimentException(file, "", "cannot read: " + e.getMessage());
    }
    if (chain.contains(real)) {
      List<String> cycle = new ArrayList<>();
      chain.forEach(p -> cycle.add(p.getFileName().toString()));
      cycle.add(real.getFileName().toString());
      throw new ExperimentException(chain.peekLast(), "extends", "cycle: " + String.join(" -> ", cycle));
    }
    if (chain.size() >= MAX_EXTENDS) {
      throw new ExperimentException(file, "extends", "more than " + MAX_EXTENDS + " files deep");
    }
    ObjectNode tree = SafeYaml.parse(file, bytes);
    List<Layer> bases = new ArrayList<>();
    chain.addLast(real);
    for (String base : bases(file, tree.remove("extends"))) {
      bases.add(read(real.getParent().resolve(base), chain));
    }
    chain.removeLast();
    return new Layer(real.getParent(), tree, bases);
  }

  private static List<String> bases(Path file, JsonNode ext) throws ExperimentException {
    List<String> bases = new ArrayList<>();
    if (ext == null || ext.isNull()) {
      return bases;
    }
    if (ext.isTextual()) {
      bases.add(ext.asText());
      return bases;
    }
    if (ext.isArray()) {
      for (JsonNode e : ext) {
        if (!e.isTextual()) {
          throw new ExperimentException(file, "extends", "expected a file name or a list of file names");
        }
        bases.add(e.asText());
      }
      return bases;
    }
    throw new ExperimentException(file, "extends", "expected a file name or a list of file names");
  }
}
