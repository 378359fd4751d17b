package dev.gantrack.experiments.file;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.OptionRule;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.Role;
import dev.gantrack.experiments.file.SpecOptions.Option;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema (draft 2020-12) of experiment files, built from the registry (every type's spec
 * class, as Jackson reads it, and what it declares under {@link dev.gantrack.api.Checks#recording})
 * and the {@link Role} table. Each role is a section (a list for list roles) whose {@code type} is
 * one of the names that may fill it; an {@code if}/{@code then} per type allows exactly that type's
 * options, a section without {@code type} (given by a base file or the defaults) any option of its
 * role's types. Files are partial, so nothing is required but a list item's {@code type}; an
 * option a type requires says so in its description, and {@code null} (which removes a key when
 * merging) is allowed everywhere. What a schema cannot say (options that apply to only some choices
 * of a selector, shapes against the data, files that must exist) is left to {@code gantrack validate}.
 */
public final class ExperimentSchema {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final SpecOptions options;

  private ExperimentSchema(SpecOptions options) {
    this.options = options;
  }

  /** The schema of experiment files for the registry behind {@code options}. */
  public static ObjectNode of(SpecOptions options) {
    return new ExperimentSchema(options).build();
  }

  private ObjectNode build() {
    ObjectNode root = F.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("title", "gantrack experiment file");
    root.put("description", "A GAN experiment: every section names a plugin by type (see `gantrack plugins`). Files are"
        + " partial: `extends` and gantrack's embedded defaults fill in the rest; `gantrack validate` checks the whole.");
    root.put("type", "object");
    ObjectNode props = root.putObject("properties");
    ObjectNode defs = F.objectNode();
    ObjectNode ext = props.putObject("extends");
    ext.put("description", "base file(s) merged under this one, relative to this file");
    ArrayNode anyOf = ext.putArray("anyOf");
    anyOf.addObject().put("type", "string");
    anyOf.addObject().put("type", "array").putObject("items").put("type", "string");
    anyOf.addObject().put("type", "null");
    for (Option o : options.topLevel()) {
      if (o.name().equals("training")) {
        props.set(o.name(), group(o.description(), options.training(), options.declaredTraining(), ""));
      } else if (o.name().equals("backend")) {
        ObjectNode backend = value(o, null, null);
        ArrayNode names = backend.putArray("enum");
        options.registry().backendNames().forEach(names::add);
        names.addNull();
        props.set(o.name(), backend);
      } else {
        props.set(o.name(), value(o, null, null));
      }
    }
    for (Role role : Role.values()) {
      defs.set(role.key(), role(role, defs));
      ObjectNode ref = F.objectNode().put("$ref", "#/$defs/" + role.key());
      ObjectNode section = props.putObject(role.key());
      ArrayNode either = section.putArray("anyOf");
      either.add(role.list() ? F.objectNode().put("type", "array").set("items", ref) : ref);
      either.addObject().put("type", "null");
    }
    props.set(ExperimentLoader.SWEEP, sweep());
    root.put("additionalProperties", false);
    root.set("$defs", defs);
    return root;
  }

  /** The {@code sweep:} section ({@link SweepSection}): what {@code gantrack sweep} varies; runs leave it out. */
  private static ObjectNode sweep() {
    ObjectNode sweep = F.objectNode();
    sweep.put("description", "what `gantrack sweep` varies (gantrack run ignores it); option paths are dotted, e.g. loss.type");
    sweep.putArray("type").add("object").add("null");
    ObjectNode p = sweep.putObject("properties");
    ObjectNode grid = p.putObject("grid");
    grid.put("description", "option path -> list of values; every combination is a trial");
    grid.put("type", "object");
    grid.putObject("additionalProperties").put("type", "array").put("minItems", 1);
    ObjectNode range = p.putObject("range");
    range.put("description", "option path -> low:high, low:high:log or low:high:int (sampled with random: K)");
    range.put("type", "object");
    range.putObject("additionalProperties").put("type", "string").put("pattern", "^[^:]+:[^:]+(:(log|int|lin|linear))?$");
    for (String[] n : new String[][] {{"random", "K random trials instead of the whole grid", "100000"},
        {"seeds", "repeat each trial with this many seeds: seed, seed+1, ...", "1000"},
        {"parallel", "trials at once on this machine (default one per device)", "256"}}) {
      p.putObject(n[0]).put("description", n[1]).put("type", "integer").put("minimum", 1).put("maximum", Integer.parseInt(n[2]));
    }
    p.putObject("rank").put("description", "summary order: metric:min or metric:max").put("type", "string")
        .put("pattern", "^[A-Za-z0-9_./-]+:(min|max)$");
    sweep.put("additionalProperties", false);
    return sweep;
  }

  /** A role's section: its types' names, their options merged, and one if/then per type. */
  private ObjectNode role(Role role, ObjectNode defs) {
    List<PluginType> types = options.typesFor(role);
    ObjectNode section = F.objectNode();
    section.put("type", "object");
    section.put("description", role.key() + ": a " + role.kind().id() + " plugin, named by type"
        + role.defaultType().map(t -> " (default " + t + ")").orElse(""));
    ObjectNode props = section.putObject("properties");
    ObjectNode type = props.putObject("type");
    type.put("description", role.kind().id() + " type (see `gantrack plugins --kind " + role.kind().id() + "`)");
    ArrayNode names = type.putArray("enum");
    Map<String, List<JsonNode>> union = new LinkedHashMap<>();
    ArrayNode cases = F.arrayNode();
    for (PluginType t : types) {
      names.add(t.name());
      String key = t.kind().id() + ":" + t.name();
      ObjectNode def = typeDef(t);
      defs.set(key, def);
      def.get("properties").fields().forEachRemaining(e -> {
        if (!e.getKey().equals("type")) {
          List<JsonNode> seen = union.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
          if (!seen.contains(e.getValue())) {
            seen.add(e.getValue());
          }
        }
      });
      ObjectNode when = cases.addObject();
      ObjectNode cond = when.putObject("if");
      cond.putObject("properties").putObject("type").put("const", t.name());
      cond.putArray("required").add("type");
      when.putObject("then").put("$ref", "#/$defs/" + key);
    }
    union.forEach((name, schemas) -> {
      if (schemas.size() == 1) {
        props.set(name, schemas.get(0));
      } else {
        props.putObject(name).putArray("anyOf").addAll(schemas);
      }
    });
    section.put("additionalProperties", false);
    if (role.list()) {
      section.putArray("required").add("type");
    }
    if (!cases.isEmpty()) {
      section.set("allOf", cases);
    }
    return section;
  }

  /** One type's options: exactly those, with {@code type} fixed to its name. */
  private ObjectNode typeDef(PluginType t) {
    ObjectNode def = group(t.description() + " [" + options.registry().source(t) + "]", options.of(t), options.declared(t), "");
    def.remove("type");
    ObjectNode typeConst = F.objectNode().put("const", t.name());
    ObjectNode props = (ObjectNode) def.get("properties");
    ObjectNode ordered = F.objectNode();
    ordered.set("type", typeConst);
    ordered.setAll(props);
    def.set("properties", ordered);
    return def;
  }

  /** An object of {@code options}, none other allowed; {@code prefix} locates them in {@code declared}. */
  private ObjectNode group(String description, List<Option> groupOptions, DeclaredOptions declared, String prefix) {
    ObjectNode g = F.objectNode();
    g.putArray("type").add("object").add("null");
    if (description != null && !description.isEmpty()) {
      g.put("description", description);
    }
    ObjectNode props = g.putObject("properties");
    for (Option o : groupOptions) {
      String path = prefix + o.name();
      props.set(o.name(), o.isGroup() ? group(o.description(), o.group(), declared, path + ".") : value(o, declared, path));
    }
    g.put("additionalProperties", false);
    return g;
  }

  /** One value option: its JSON type (or null), description, default, and declared range or choices. */
  private static ObjectNode value(Option o, DeclaredOptions declared, String path) {
    ObjectNode s = F.objectNode();
    JavaType t = o.type();
    String json = jsonType(t.getRawClass());
    if (json != null) {
      s.putArray("type").add(json).add("null");
    }
    if (json != null && json.equals("array") && t.getContentType() != null) {
      String item = jsonType(t.getContentType().getRawClass());
      if (item != null) {
        s.putObject("items").put("type", item);
      }
    }
    OptionRule rule = declared == null ? null : declared.rule(path).orElse(null);
    boolean required = rule != null && rule.required();
    String description = o.description() + (required ? (o.description().isEmpty() ? "" : " ") + "(required)" : "");
    if (!description.isEmpty()) {
      s.put("description", description);
    }
    if (rule != null && !rule.allowed().isEmpty()) {
      ObjectNode on = !"array".equals(json) ? s : s.has("items") ? (ObjectNode) s.get("items") : s.putObject("items");
      ArrayNode allowed = on.putArray("enum");
      rule.allowed().forEach(allowed::add);
      if (!"array".equals(json)) {
        allowed.addNull();
      }
    }
    if (rule != null && rule.min() != null) {
      s.set("minimum", number(rule.min()));
    }
    if (rule != null && rule.max() != null) {
      s.set("maximum", number(rule.max()));
    }
    JsonNode dflt = declared == null || required ? null : declared.defaultValue(path);
    if (dflt != null) {
      s.set("default", dflt);
    }
    if (t.getRawClass().isEnum()) {
      ArrayNode values = s.putArray("enum");
      for (Object c : t.getRawClass().getEnumConstants()) {
        values.add(c.toString());
      }
      values.addNull();
    }
    return s;
  }

  private static JsonNode number(Number n) {
    double d = n.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? F.numberNode((long) d) : F.numberNode(d);
  }

  /** The JSON Schema type of a Java type, or null when any value may do. */
  private static String jsonType(Class<?> raw) {
    if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class || raw == Short.class
        || raw == short.class || raw == BigInteger.class) {
      return "integer";
    }
    if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class || raw == BigDecimal.class
        || raw == Number.class) {
      return "number";
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return "boolean";
    }
    if (CharSequence.class.isAssignableFrom(raw) || raw.isEnum()) {
      return "string";
    }
    if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
      return "array";
    }
    if (Map.class.isAssignableFrom(raw)) {
      return "object";
    }
    return null;
  }
}
