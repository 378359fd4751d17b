package dev.gantrack.experiments.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.Role;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an experiment file into a validated {@link Experiment}: embedded defaults, then the
 * {@code extends} chain ({@link ExtendsChain}: bases first, paths rebased), then {@code --set}
 * overrides; bound by {@code type:} names through the registry ({@link ExperimentBinder}); then
 * checked against the role table, the data and the backend ({@link ExperimentChecks}). No tensor is
 * allocated and nothing is written.
 */
public final class ExperimentLoader {
  /** The top-level key of a file's sweep section. */
  public static final String SWEEP = "sweep";
  private final ObjectMapper mapper;
  private final ObjectMapper yaml;
  private final SpecOptions options;
  private final ExtendsChain chain;
  private final ExperimentBinder binder;
  private final ExperimentChecks checks;

  /** A loader that knows the registry's plugin types. */
  public ExperimentLoader(PluginRegistry registry) {
    this.mapper = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();
    mapper.registerSubtypes(registry.namedTypes());
    this.yaml = new YAMLMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID).build());
    yaml.registerSubtypes(registry.namedTypes());
    this.options = new SpecOptions(mapper, registry);
    this.chain = new ExtendsChain(options);
    this.binder = new ExperimentBinder(mapper, registry);
    this.checks = new ExperimentChecks(options);
  }

  /** The mapper that binds trees to specs (knows every registered type). */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** The options of every registered spec class, and what each type declares about them. */
  public SpecOptions options() {
    return options;
  }

  /**
   * A loaded, validated experiment and the resolved tree it came from; {@code folder} is where its
   * relative paths (data files) are resolved.
   */
  public record Loaded(Path file, Path folder, Experiment experiment, ObjectNode resolved, DataShape data,
      String resolvedYaml) {}

  /** Loads, resolves, binds and validates {@code file} with {@code --set} overrides ({@code sweep:} is checked and left out). */
  public Loaded load(Path file, List<String> overrides) throws ExperimentException {
    return loadWithSweep(file, overrides).loaded();
  }

  /**
   * As {@link #load(Path, List)}, with relative paths resolved against {@code folder} instead of the
   * file's own: a run folder's {@code experiment.yaml} holds them as the file it was resolved from
   * wrote them.
   */
  public Loaded load(Path file, Path folder, List<String> overrides) throws ExperimentException {
    return loadWithSweep(file, folder, overrides, Map.of()).loaded();
  }

  /**
   * A loaded experiment and its file's {@code sweep:} section (empty when it has none); {@code
   * seedGiven} is false when the seed was drawn because neither the file nor an override gave one.
   */
  public record WithSweep(Loaded loaded, SweepSection sweep, boolean seedGiven) {}

  /** As {@link #load}, and also returns the checked {@code sweep:} section. */
  public WithSweep loadWithSweep(Path file, List<String> overrides) throws ExperimentException {
    return loadWithSweep(file, overrides, Map.of());
  }

  /**
   * As {@link #loadWithSweep(Path, List)}, with {@code values} (dotted path to value, a sweep's trial)
   * set after the {@code --set} overrides; a path that cannot be set fails naming it as {@code origin}
   * gives it ({@code path -> "--grid loss.type"}), or as the path.
   */
  public WithSweep loadWithSweep(Path file, List<String> overrides, Map<String, JsonNode> values)
      throws ExperimentException {
    return loadWithSweep(file, file.toAbsolutePath().normalize().getParent(), overrides, values);
  }

  private WithSweep loadWithSweep(Path file, Path folder, List<String> overrides, Map<String, JsonNode> values)
      throws ExperimentException {
    ObjectNode tree = chain.resolve(defaults(), file);
    for (String set : overrides) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new ExperimentException(file, "--set " + set, "expected path=value, e.g. --set training.steps=200");
      }
      String path = set.substring(0, eq).trim();
      try {
        Trees.set(tree, path, SafeYaml.parseValue(set.substring(eq + 1)), chain.selectors(tree, tree, tree));
      } catch (IllegalArgumentException e) {
        throw new ExperimentException(file, "--set " + path, e.getMessage());
      }
    }
    for (Map.Entry<String, JsonNode> v : values.entrySet()) {
      try {
        Trees.set(tree, v.getKey(), v.getValue().deepCopy(), chain.selectors(tree, tree, tree));
      } catch (IllegalArgumentException e) {
        throw new ExperimentException(file, v.getKey(), e.getMessage());
      }
    }
    JsonNode sweepNode = tree.remove(SWEEP);
    SweepSection sweep = sweepNode == null || sweepNode.isNull() ? SweepSection.empty()
        : binder.bind(file, sweepNode, SweepSection.class, SWEEP);
    if (!tree.hasNonNull("name")) {
      String n = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
      tree.put("name", n);
    }
    boolean seedGiven = tree.hasNonNull("seed");
    if (!seedGiven) {
      tree.put("seed", new SecureRandom().nextInt(Integer.MAX_VALUE));
    }
    Experiment experiment = binder.bind(file, tree);
    DataShape data = checks.check(file, folder, experiment);
    ObjectNode resolved = mapper.valueToTree(experiment);
    return new WithSweep(new Loaded(file, folder, experiment, resolved, data, toYaml(experiment)), sweep, seedGiven);
  }

  /**
   * The resolved experiment as YAML that loads the same from any folder: every relative path option
   * ({@link dev.gantrack.api.spec.FileOption}) made absolute against the folder it was resolved
   * against. What a sweep's trial is sent as.
   */
  public ObjectNode portableTree(Loaded loaded) {
    ObjectNode tree = loaded.resolved().deepCopy();
    chain.absolutize(tree, loaded.folder());
    return tree;
  }

  /** {@code tree} as YAML text. */
  public String toYaml(JsonNode tree) {
    try {
      return yaml.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Trackers named by type alone ({@code --tracker mlflow}), each with its defaults; an unknown type is one line. */
  public List<TrackerSpec> trackersOfTypes(List<String> types) throws ExperimentException {
    List<TrackerSpec> out = new ArrayList<>();
    for (String t : types) {
      try {
        out.add(mapper.treeToValue(JsonNodeFactory.instance.objectNode().put("type", t), TrackerSpec.class));
      } catch (IOException | RuntimeException e) {
        throw new ExperimentException(null, "--tracker " + t, "unknown tracker; known: "
            + String.join(", ", options.registry().names(PluginKind.TRACKER)));
      }
    }
    return out;
  }

  /** The experiment as YAML, every option with its value (defaults filled in). */
  public String toYaml(Experiment experiment) {
    try {
      return yaml.writeValueAsString(experiment);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The embedded defaults file, and the default {@code type:} of every role that has one (the {@link Role} table). */
  private ObjectNode defaults() {
    ObjectNode tree;
    try (InputStream in = ExperimentLoader.class.getResourceAsStream("/gantrack-defaults.yaml")) {
      tree = SafeYaml.parse(Path.of("gantrack-defaults.yaml"), in.readAllBytes());
    } catch (IOException | ExperimentException e) {
      throw new IllegalStateException("embedded defaults unreadable", e);
    }
    for (Role role : Role.values()) {
      role.defaultType().ifPresent(type -> {
        if (!tree.has(role.key())) {
          tree.putObject(role.key()).put("type", type);
        }
      });
    }
    return tree;
  }
}
