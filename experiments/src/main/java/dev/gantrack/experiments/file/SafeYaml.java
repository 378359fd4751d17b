package dev.gantrack.experiments.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML (and JSON, a subset of it) into a plain tree without ever constructing objects from
 * tags: the document is composed to nodes under strict limits (size, nesting, aliases, node count),
 * custom tags ({@code !!java.lang...}), {@code @class}-style keys and class names as types are
 * rejected. Hostile files fail fast with one clear line.
 */
public final class SafeYaml {
  /** Largest experiment file accepted. */
  public static final int MAX_BYTES = 1 << 20;
  static final int MAX_DEPTH = 40;
  static final int MAX_NODES = 100_000;
  static final int MAX_NUMBER_CHARS = 40;
  private static final Set<Tag> ALLOWED = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);
  private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SafeYaml() {}

  /** Parses {@code bytes} (the content of {@code file}) to an object tree. */
  public static ObjectNode parse(Path file, byte[] bytes) throws ExperimentException {
    if (bytes.length > MAX_BYTES) {
      throw new ExperimentException(file, "", "file is " + bytes.length + " bytes; experiment files are at most " + MAX_BYTES);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ExperimentException(file, "", "not a UTF-8 text file (binary content?)");
    }
    if (text.indexOf('\0') >= 0) {
      throw new ExperimentException(file, "", "not a text file (contains NUL bytes)");
    }
    return parse(file, text, true);
  }

  /** Parses a YAML value given on the command line ({@code --set key=value}). */
  public static JsonNode parseValue(String text) throws ExperimentException {
    ObjectNode holder = parse(null, "v: " + (text.isEmpty() ? "''" : text), false);
    return holder.get("v");
  }

  private static ObjectNode parse(Path file, String text, boolean document) throws ExperimentException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setProcessComments(false);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1);
      throw new ExperimentException(file, "", "not valid YAML" + where + ": " + firstLine(e.getProblem()));
    } catch (YAMLException e) {
      throw new ExperimentException(file, "", "not accepted: " + firstLine(e.getMessage()));
    } catch (RuntimeException | StackOverflowError e) {
      throw new ExperimentException(file, "", "not valid YAML: " + firstLine(String.valueOf(e.getMessage())));
    }
    if (root == null) {
      if (document) {
        throw new ExperimentException(file, "", "the file is empty");
      }
      return F.objectNode();
    }
    Converter c = new Converter(file);
    JsonNode tree = c.convert(root, "", 0);
    if (!(tree instanceof ObjectNode obj)) {
      throw new ExperimentException(file, "", "the file must be a mapping of fields (name:, dataset:, generator:, ...)");
    }
    return obj;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  private static final class Converter {
    private final Path file;
    private int nodes;
    private final Map<Node, Boolean> onPath = new IdentityHashMap<>();

    Converter(Path file) {
      this.file = file;
    }

    JsonNode convert(Node node, String path, int depth) throws ExperimentException {
      if (++nodes > MAX_NODES) {
        throw new ExperimentException(file, path, "too many values (more than " + MAX_NODES + "; aliases expanding?)");
      }
      if (depth > MAX_DEPTH) {
        throw new ExperimentException(file, path, "nested deeper than " + MAX_DEPTH + " levels");
      }
      if (!ALLOWED.contains(node.getTag())) {
        throw new ExperimentException(file, path, "YAML tag '" + node.getTag().getValue()
            + "' is not accepted: plugins are named by 'type:', never by class or tag");
      }
      if (onPath.put(node, Boolean.TRUE) != null) {
        throw new ExperimentException(file, path, "recursive alias");
      }
      try {
        if (node instanceof MappingNode m) {
          ObjectNode obj = F.objectNode();
          for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k) || (k.getTag() != Tag.STR && k.getTag() != Tag.INT && k.getTag() != Tag.BOOL)) {
              throw new ExperimentException(file, path, "keys must be plain names");
            }
            String key = k.getValue();
            String sub = path.isEmpty() ? key : path + "." + key;
            if (key.startsWith("@")) {
              throw new ExperimentException(file, sub, "'@'-keys are not accepted: plugins are named by 'type:', never by class");
            }
            if (key.equals("<<")) {
              throw new ExperimentException(file, sub, "YAML merge keys are not supported; use 'extends:'");
            }
            JsonNode value = convert(t.getValueNode(), sub, depth + 1);
            if (key.equals("type") && value.isTextual() && CLASS_NAME.matcher(value.asText()).matches()) {
              throw new ExperimentException(file, sub, "'" + value.asText()
                  + "' looks like a Java class name; name a registered plugin type (see `gantrack plugins`)");
            }
            obj.set(key, value);
          }
          return obj;
        }
        if (node instanceof SequenceNode s) {
          ArrayNode arr = F.arrayNode();
          int i = 0;
          for (Node child : s.getValue()) {
            arr.add(convert(child, path + "." + i++, depth + 1));
          }
          return arr;
        }
        return scalar((ScalarNode) node, path);
      } finally {
        onPath.remove(node);
      }
    }

    private JsonNode scalar(ScalarNode s, String path) throws ExperimentException {
      String v = s.getValue();
      Tag tag = s.getTag();
      if (tag == Tag.NULL) {
        return F.nullNode();
      }
      if (tag == Tag.BOOL) {
        String l = v.toLowerCase(java.util.Locale.ROOT);
        return F.booleanNode(l.equals("true") || l.equals("yes") || l.equals("on") || l.equals("y"));
      }
      if (tag == Tag.INT || tag == Tag.FLOAT) {
        if (v.length() > MAX_NUMBER_CHARS) {
          throw new ExperimentException(file, path, "number with " + v.length() + " characters is too long");
        }
        String n = v.replace("_", "");
        try {
          if (tag == Tag.INT) {
            BigInteger big = n.startsWith("0x") ? new BigInteger(n.substring(2), 16)
                : n.startsWith("0o") ? new BigInteger(n.substring(2), 8) : new BigInteger(n);
            return big.bitLength() < 64 ? F.numberNode(big.longValue()) : F.numberNode(big);
          }
          String l = n.toLowerCase(java.util.Locale.ROOT);
          if (l.endsWith(".inf")) {
            return F.numberNode(l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
          }
          if (l.equals(".nan")) {
            return F.numberNode(Double.NaN);
          }
          return F.numberNode(new BigDecimal(n).doubleValue());
        } catch (NumberFormatException e) {
          return F.textNode(v);
        }
      }
      return F.textNode(v);
    }
  }
}
