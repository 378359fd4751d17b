package dev.gantrack.experiments.file;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.Role;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.spec.FileOption;
import dev.gantrack.api.spec.PluginSpec;
import dev.gantrack.api.spec.Selector;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The options of every spec class as Jackson sees them (names, Java types, descriptions), with what
 * gantrack's annotations say about each: a path ({@link FileOption}), a selector ({@link Selector}),
 * or a group of options of its own (e.g. a TTUR section's {@code generator:} optimizer). Finds which
 * option a dotted path of an experiment tree names, from the registry's spec classes and the
 * sections' {@code type:}s.
 */
public final class SpecOptions {
  /**
   * One option of a spec or group.
   *
   * @param name the option's key in files
   * @param type its Java type
   * @param description its {@code @JsonPropertyDescription}, or empty
   * @param file true for a path option ({@link FileOption})
   * @param selector true for an option that picks its siblings ({@link Selector})
   * @param group the options of a nested group, or null when the option is a value
   */
  public record Option(String name, JavaType type, String description, boolean file, boolean selector, List<Option> group) {
    /** True for a group of options (an object whose keys are options of their own). */
    public boolean isGroup() {
      return group != null;
    }
  }

  private final ObjectMapper mapper;
  private final PluginRegistry registry;
  private final Map<JavaType, List<Option>> cache = new ConcurrentHashMap<>();
  private final Map<String, DeclaredOptions> declared = new ConcurrentHashMap<>();

  /** The options of the registry's spec classes, as {@code mapper} reads them. */
  public SpecOptions(ObjectMapper mapper, PluginRegistry registry) {
    this.mapper = mapper;
    this.registry = registry;
  }

  /** The registry the spec classes come from. */
  public PluginRegistry registry() {
    return registry;
  }

  /** What plugin type {@code type} declares about its options (defaults, ranges, choices, required). */
  public DeclaredOptions declared(PluginType type) {
    return declared.computeIfAbsent(type.key(), k -> DeclaredOptions.of(mapper, this, type));
  }

  /** What {@code training:} declares about its options. */
  public DeclaredOptions declaredTraining() {
    return declared.computeIfAbsent("training", k -> DeclaredOptions.ofTraining(mapper, this));
  }

  /**
   * The registered types that may fill {@code role}: those of its kind that it {@link Role#accepts}
   * as constructed with nothing set (a type that cannot be constructed so is kept).
   */
  public List<PluginType> typesFor(Role role) {
    List<PluginType> out = new ArrayList<>();
    for (PluginType t : registry.all()) {
      if (t.kind() == role.kind()) {
        Object instance = declared(t).instance();
        if (!(instance instanceof PluginSpec spec) || role.accepts(spec)) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /** The options of a plugin type's spec (its {@code type:} excluded). */
  public List<Option> of(PluginType type) {
    return of(mapper.constructType(type.specClass()));
  }

  /** The options of {@code training:}. */
  public List<Option> training() {
    return of(mapper.constructType(TrainingSpec.class));
  }

  /** The experiment's own fields that are not roles (name, seed, training, ...). */
  public List<Option> topLevel() {
    List<Option> out = new ArrayList<>();
    for (Option o : of(mapper.constructType(Experiment.class))) {
      if (Role.ofKey(o.name()).isEmpty()) {
        out.add(o);
      }
    }
    return out;
  }

  /** The options of {@code type}, in Jackson's order, {@code type:} excluded. */
  public List<Option> of(JavaType type) {
    List<Option> known = cache.get(type);
    if (known != null) {
      return known;
    }
    List<Option> out = new ArrayList<>();
    for (BeanPropertyDefinition p : mapper.getSerializationConfig().introspect(type).findProperties()) {
      if (p.getName().equals("type") || p.getPrimaryType() == null) {
        continue;
      }
      String description = p.getMetadata().getDescription();
      JavaType t = p.getPrimaryType();
      out.add(new Option(p.getName(), t, description == null ? "" : description, annotated(p, FileOption.class),
          annotated(p, Selector.class), isGroup(t) ? of(t) : null));
    }
    List<Option> done = List.copyOf(out);
    cache.put(type, done);
    return done;
  }

  private static boolean annotated(BeanPropertyDefinition p, Class<? extends Annotation> annotation) {
    List<AnnotatedMember> members = new ArrayList<>();
    members.add(p.getGetter());
    members.add(p.getField());
    members.add(p.getSetter());
    members.add(p.getConstructorParameter());
    return members.stream().anyMatch(m -> m != null && m.hasAnnotation(annotation));
  }

  /** True for a type read as a group of options: a class with properties that is not a value, list, map or spec. */
  private boolean isGroup(JavaType t) {
    Class<?> raw = t.getRawClass();
    if (raw.isPrimitive() || raw.isEnum() || raw.isArray() || Number.class.isAssignableFrom(raw) || raw == Boolean.class
        || CharSequence.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)
        || Map.class.isAssignableFrom(raw) || JsonNode.class.isAssignableFrom(raw) || PluginSpec.class.isAssignableFrom(raw)
        || raw.getName().startsWith("java.")) {
      return false;
    }
    return !mapper.getSerializationConfig().introspect(t).findProperties().isEmpty();
  }

  /**
   * The option that dotted {@code path} names ({@code ttur.generator.optimizer}, {@code trackers.1.logdir}),
   * where {@code sectionType} gives the {@code type:} of a section by its path ({@code ttur}, {@code trackers.1});
   * empty when the path names no known option.
   */
  public Optional<Option> at(String path, Function<String, String> sectionType) {
    String[] parts = path.split("\\.");
    Optional<Role> role = Role.ofKey(parts[0]);
    int next;
    List<Option> options;
    if (parts[0].equals("training")) {
      options = training();
      next = 1;
    } else if (role.isPresent()) {
      next = role.get().list() ? 2 : 1;
      if (parts.length <= next) {
        return Optional.empty();
      }
      String section = String.join(".", List.of(parts).subList(0, next));
      String type = sectionType.apply(section);
      Optional<PluginType> t = type == null ? Optional.empty() : registry.find(role.get().kind(), type);
      if (t.isEmpty()) {
        return Optional.empty();
      }
      options = of(t.get());
    } else {
      return Optional.empty();
    }
    Option found = null;
    for (int i = next; i < parts.length; i++) {
      if (options == null) {
        return Optional.empty();
      }
      found = find(options, parts[i]);
      if (found == null) {
        return Optional.empty();
      }
      options = found.group();
    }
    return Optional.ofNullable(found);
  }

  private static Option find(List<Option> options, String name) {
    for (Option o : options) {
      if (o.name().equals(name)) {
        return o;
      }
    }
    return null;
  }

  /** The {@code type:} of the section at dotted {@code path} in {@code tree}, or null. */
  public static String typeAt(ObjectNode tree, String path) {
    JsonNode node = tree;
    for (String part : path.split("\\.")) {
      node = !node.isArray() ? node.path(part) : part.matches("[0-9]{1,9}") ? node.path(Integer.parseInt(part)) : node.path("");
    }
    JsonNode type = node.path("type");
    return type.isTextual() ? type.asText() : null;
  }
}
