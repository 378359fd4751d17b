package dev.gantrack.experiments.file;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.OptionRule;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.experiments.file.SpecOptions.Option;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a spec declares about its options, read by constructing it with nothing set under {@link
 * Checks#recording}: every option's value then (its default) and the {@link OptionRule} of every
 * check it made (range, choices, required). A {@link Checks#required} check that fails while
 * recording declares a required option: the option gets a placeholder of its Java type and the spec
 * is constructed again. A nested group's rules are recorded by constructing the group from its
 * defaults, and once more for each choice of its {@link dev.gantrack.api.spec.Selector selector}, so
 * that options only some choices take (an SGD optimizer's momentum) are declared too.
 *
 * @param instance the spec constructed with nothing set (placeholders for required options), or null
 *     when it cannot be constructed so
 * @param defaults the options' values with nothing set, required options left out; empty when unknown
 * @param rules the merged rule of each option, by dotted path relative to the spec ({@code generator.lr})
 */
public record DeclaredOptions(Object instance, ObjectNode defaults, Map<String, OptionRule> rules) {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The rule declared for the option at {@code path}, if any. */
  public Optional<OptionRule> rule(String path) {
    return Optional.ofNullable(rules.get(path));
  }

  /** True when the option at {@code path} is declared required. */
  public boolean required(String path) {
    return rule(path).map(OptionRule::required).orElse(false);
  }

  /** The default of the option at dotted {@code path}, or null when it has none. */
  public JsonNode defaultValue(String path) {
    JsonNode d = defaults.at("/" + path.replace(".", "/"));
    return d.isMissingNode() || d.isNull() ? null : d;
  }

  /** The declarations of plugin type {@code type}. */
  public static DeclaredOptions of(ObjectMapper mapper, SpecOptions options, PluginType type) {
    return read(mapper, mapper.constructType(type.specClass()), F.objectNode().put("type", type.name()), options.of(type));
  }

  /** The declarations of {@code training:}. */
  public static DeclaredOptions ofTraining(ObjectMapper mapper, SpecOptions options) {
    return read(mapper, mapper.constructType(TrainingSpec.class), F.objectNode(), options.training());
  }

  private static DeclaredOptions read(ObjectMapper mapper, JavaType type, ObjectNode given, List<Option> options) {
    Map<String, OptionRule> rules = new LinkedHashMap<>();
    ObjectNode input = given.deepCopy();
    List<OptionRule> recorded = new ArrayList<>();
    Object instance = construct(mapper, type, input, options, rules, recorded);
    for (OptionRule r : recorded) {
      Option o = find(options, r.option());
      if (o != null && !o.isGroup()) {
        rules.merge(r.option(), r, DeclaredOptions::merge);
      }
    }
    ObjectNode defaults = F.objectNode();
    if (instance != null && mapper.valueToTree(instance) instanceof ObjectNode d) {
      defaults = d;
      defaults.remove("type");
      for (OptionRule r : rules.values()) {
        if (r.required()) {
          defaults.remove(r.option());
        }
      }
      for (Option o : options) {
        if (o.isGroup() && defaults.get(o.name()) instanceof ObjectNode groupDefaults) {
          group(mapper, type, input, o, o.name(), groupDefaults, rules);
        }
      }
    }
    return new DeclaredOptions(instance, defaults, rules);
  }

  /**
   * Constructs {@code type} from {@code input} while recording; a required option that fails gets a
   * placeholder in {@code input} (and its rule in {@code rules}) and the construction is tried again.
   * Returns the instance, or null when it cannot be constructed.
   */
  private static Object construct(ObjectMapper mapper, JavaType type, ObjectNode input, List<Option> options,
      Map<String, OptionRule> rules, List<OptionRule> recorded) {
    for (int attempt = 0; attempt <= options.size(); attempt++) {
      recorded.clear();
      Object result = Checks.recording(() -> bind(mapper, input, type), recorded);
      if (!(result instanceof Throwable failure)) {
        return result;
      }
      InvalidOptionException invalid = invalidOption(failure);
      OptionRule last = recorded.isEmpty() ? null : recorded.get(recorded.size() - 1);
      Option option = last == null ? null : find(options, last.option());
      if (invalid == null || option == null || !last.required() || !last.option().equals(invalid.option())
          || input.has(option.name())) {
        return null;
      }
      rules.merge(last.option(), last, DeclaredOptions::merge);
      input.set(option.name(), placeholder(option));
    }
    return null;
  }

  /** Records the rules of group {@code group} at {@code path}, from its defaults and for every choice of its selectors. */
  private static void group(ObjectMapper mapper, JavaType specType, ObjectNode specInput, Option group, String path,
      ObjectNode groupDefaults, Map<String, OptionRule> rules) {
    recordGroup(mapper, group, path, groupDefaults, rules);
    for (Option o : group.group()) {
      OptionRule selector = rules.get(path + "." + o.name());
      if (!o.selector() || selector == null) {
        continue;
      }
      for (String choice : selector.allowed()) {
        ObjectNode input = specInput.deepCopy();
        ObjectNode at = input;
        for (String part : path.split("\\.")) {
          at = at.putObject(part);
        }
        at.put(o.name(), choice);
        Object instance = Checks.recording(() -> bind(mapper, input, specType), new ArrayList<>());
        if (!(instance instanceof Throwable) && mapper.valueToTree(instance).at("/" + path.replace(".", "/"))
            instanceof ObjectNode chosen) {
          recordGroup(mapper, group, path, chosen, rules);
        }
      }
    }
  }

  private static void recordGroup(ObjectMapper mapper, Option group, String path, ObjectNode values, Map<String, OptionRule> rules) {
    List<OptionRule> recorded = new ArrayList<>();
    Object instance = Checks.recording(() -> bind(mapper, values, group.type()), recorded);
    if (instance instanceof Throwable) {
      return;
    }
    for (OptionRule r : recorded) {
      Option o = find(group.group(), r.option());
      if (o != null && !o.isGroup()) {
        String p = path + "." + r.option();
        rules.merge(p, new OptionRule(p, r.min(), r.max(), r.wholeNumber(), r.allowed(), r.defaultValue(), r.required()),
            DeclaredOptions::merge);
      }
    }
    for (Option o : group.group()) {
      if (o.isGroup() && values.get(o.name()) instanceof ObjectNode nested) {
        recordGroup(mapper, o, path + "." + o.name(), nested, rules);
      }
    }
  }

  /** The value bound from {@code input}, or the failure. */
  private static Object bind(ObjectMapper mapper, JsonNode input, JavaType type) {
    try {
      Object value = mapper.treeToValue(input, type);
      return value == null ? new IllegalStateException("null") : value;
    } catch (Exception e) {
      return e;
    }
  }

  private static InvalidOptionException invalidOption(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InvalidOptionException invalid) {
        return invalid;
      }
    }
    return null;
  }

  private static Option find(List<Option> options, String name) {
    return options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
  }

  /** A value of the option's Java type, to stand in for a required option while recording. */
  private static JsonNode placeholder(Option option) {
    Class<?> raw = option.type().getRawClass();
    if (option.isGroup() || Map.class.isAssignableFrom(raw)) {
      return F.objectNode();
    }
    if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
      return F.arrayNode();
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return F.booleanNode(false);
    }
    if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
      return F.numberNode(1.0);
    }
    if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
      return F.numberNode(1);
    }
    return F.textNode("placeholder");
  }

  /** One rule with what both say: the first's range, choices and default where it has them, required if either is. */
  private static OptionRule merge(OptionRule a, OptionRule b) {
    return new OptionRule(a.option(), a.min() != null ? a.min() : b.min(), a.max() != null ? a.max() : b.max(),
        a.wholeNumber() || b.wholeNumber(), a.allowed().isEmpty() ? b.allowed() : a.allowed(),
        a.defaultValue() != null ? a.defaultValue() : b.defaultValue(), a.required() || b.required());
  }
}
