package dev.gantrack.experiments.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.Role;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * Turns an experiment file into a validated {@link Experiment}: embedded defaults, then the
 * {@code extends} chain ({@link ExtendsChain}: bases first, paths rebased), then {@code --set}
 * overrides; bound by {@code type:} names through the registry ({@link ExperimentBinder}); then
 * checked against the role table, the data and the backend ({@link ExperimentChecks}). No tensor is
 * allocated and nothing is written.
 */
public final class ExperimentLoader {
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

  /** A loaded, validated experiment and the resolved tree it came from. */
  public record Loaded(Path file, Experiment experiment, ObjectNode resolved, DataShape data, String resolvedYaml) {}

  /** Loads, resolves, binds and validates {@code file} with {@code --set} overrides. */
  public Loaded load(Path file, List<String> overrides) throws ExperimentException {
    return load(file, null, overrides);
  }

  /**
   * As {@link #load(Path, List)}, for a file whose relative paths were written relative to {@code
   * pathsMeant} rather than its own folder, as in the resolved {@code experiment.yaml} of a run folder
   * (relative to the experiment file it was run from); null for its own folder.
   */
  public Loaded load(Path file, Path pathsMeant, List<String> overrides) throws ExperimentException {
    ObjectNode tree = chain.resolve(defaults(), file, pathsMeant);
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
    if (!tree.hasNonNull("name")) {
      String n = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
      tree.put("name", n);
    }
    if (!tree.hasNonNull("seed")) {
      tree.put("seed", new SecureRandom().nextInt(Integer.MAX_VALUE));
    }
    Experiment experiment = binder.bind(file, tree);
    DataShape data = checks.check(file, experiment);
    ObjectNode resolved = mapper.valueToTree(experiment);
    return new Loaded(file, experiment, resolved, data, toYaml(experiment));
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
