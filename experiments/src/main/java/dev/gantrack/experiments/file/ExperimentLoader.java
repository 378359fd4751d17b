package dev.gantrack.experiments.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gantrack.api.Backend;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.Problem;
import dev.gantrack.api.Role;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.spec.NoiseSpec;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Turns an experiment file into a validated {@link Experiment}: embedded defaults, then the
 * {@code extends} chain (base first), then the file, then {@code --set} overrides; bound by
 * {@code type:} names through the registry; then checked against the data (shapes, labels) and the
 * backend. No tensor is allocated and nothing is written.
 */
public final class ExperimentLoader {
  private static final int MAX_EXTENDS = 16;
  private final PluginRegistry registry;
  private final ObjectMapper mapper;
  private final ObjectMapper yaml;

  /** A loader that knows the registry's plugin types. */
  public ExperimentLoader(PluginRegistry registry) {
    this.registry = registry;
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
  }

  /** The mapper that binds trees to specs (knows every registered type). */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** A loaded, validated experiment and the resolved tree it came from. */
  public record Loaded(Path file, Experiment experiment, ObjectNode resolved, DataShape data, String resolvedYaml) {}

  /** Loads, resolves, binds and validates {@code file} with {@code --set} overrides. */
  public Loaded load(Path file, List<String> overrides) throws ExperimentException {
    ObjectNode tree = Trees.merge(defaults(), readChain(file, new ArrayDeque<>()));
    for (String set : overrides) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new ExperimentException(file, "--set " + set, "expected path=value, e.g. --set training.steps=200");
      }
      String path = set.substring(0, eq).trim();
      try {
        Trees.set(tree, path, SafeYaml.parseValue(set.substring(eq + 1)));
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
    checkNoiseRoles(file, tree);
    Experiment experiment = bind(file, tree);
    DataShape data = validate(file, experiment);
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

  private ObjectNode readChain(Path file, Deque<Path> chain) throws ExperimentException {
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
    JsonNode ext = tree.remove("extends");
    if (ext == null || ext.isNull()) {
      return tree;
    }
    List<String> bases = new ArrayList<>();
    if (ext.isTextual()) {
      bases.add(ext.asText());
    } else if (ext.isArray()) {
      for (JsonNode e : ext) {
        if (!e.isTextual()) {
          throw new ExperimentException(file, "extends", "expected a file name or a list of file names");
        }
        bases.add(e.asText());
      }
    } else {
      throw new ExperimentException(file, "extends", "expected a file name or a list of file names");
    }
    chain.addLast(real);
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    for (String base : bases) {
      merged = Trees.merge(merged, readChain(real.getParent().resolve(base), chain));
    }
    chain.removeLast();
    return Trees.merge(merged, tree);
  }

  private Experiment bind(Path file, ObjectNode tree) throws ExperimentException {
    try {
      return mapper.treeToValue(tree, Experiment.class);
    } catch (InvalidTypeIdException e) {
      String path = path(e);
      PluginKind kind = PluginKind.ofSpec(e.getBaseType().getRawClass()).orElse(null);
      List<String> known = kind == null ? List.of() : registry.names(kind);
      String what = kind == null ? "type" : kind.id() + " type";
      if (e.getTypeId() == null || e.getTypeId().isEmpty()) {
        throw new ExperimentException(file, join(path, "type"), "missing; name a " + what + ": " + String.join(", ", known));
      }
      throw new ExperimentException(file, join(path, "type"), "unknown " + what + " '" + e.getTypeId() + "'; known: "
          + String.join(", ", known) + Names.suggestion(e.getTypeId(), known));
    } catch (UnrecognizedPropertyException e) {
      List<String> known = new ArrayList<>();
      if (e.getKnownPropertyIds() != null) {
        e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      }
      known.remove("type");
      known.sort(null);
      throw new ExperimentException(file, path(e), "unknown field; allowed: "
          + (known.isEmpty() ? "(none)" : String.join(", ", known)) + Names.suggestion(e.getPropertyName(), known));
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvalidOptionException invalid) {
        Problem p = invalid.toProblem(path(e));
        throw new ExperimentException(file, p.path(), p.message());
      }
      String message = cause instanceof IllegalArgumentException && cause.getMessage() != null
          ? cause.getMessage() : String.valueOf(cause == null ? e.getOriginalMessage() : cause.getMessage());
      int colon = message.indexOf(": ");
      String base = path(e);
      if (colon > 0 && !message.substring(0, colon).contains(" ")) {
        throw new ExperimentException(file, join(base, message.substring(0, colon)), message.substring(colon + 2));
      }
      throw new ExperimentException(file, base, message);
    } catch (MismatchedInputException e) {
      String expected = e.getTargetType() == null ? "another kind of value" : friendly(e.getTargetType());
      throw new ExperimentException(file, path(e), "expected " + expected);
    } catch (JsonMappingException e) {
      throw new ExperimentException(file, path(e), e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ExperimentException(file, "", e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw new ExperimentException(file, "", e.getMessage());
    }
  }

  /**
   * A noise type in the wrong section fails naming the section and the types that fit it: instance
   * noise ({@link NoiseSpec#latent()} false) as {@code latent:}, or a latent distribution as {@code
   * instance-noise:}. Sections that do not bind on their own are left to {@link #bind} to report.
   */
  private void checkNoiseRoles(Path file, ObjectNode tree) throws ExperimentException {
    NoiseSpec latent = noise(tree.get("latent"));
    if (latent != null && !latent.latent()) {
      throw new ExperimentException(file, "latent", "'" + tree.get("latent").get("type").asText()
          + "' is instance noise for D's inputs, not a latent distribution (put it under instance-noise:); latent types: "
          + String.join(", ", noiseTypes(true)));
    }
    NoiseSpec instance = noise(tree.get("instance-noise"));
    if (instance != null && instance.latent()) {
      throw new ExperimentException(file, "instance-noise", "'" + tree.get("instance-noise").get("type").asText()
          + "' is a latent distribution, not instance noise (put it under latent:); instance-noise types: "
          + String.join(", ", noiseTypes(false)));
    }
  }

  private NoiseSpec noise(JsonNode section) {
    if (section == null || !section.isObject() || !section.path("type").isTextual()) {
      return null;
    }
    try {
      return mapper.treeToValue(section, NoiseSpec.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Registered noise types whose defaults are (or are not) latent distributions. */
  private List<String> noiseTypes(boolean latent) {
    List<String> out = new ArrayList<>();
    for (String name : registry.names(PluginKind.NOISE)) {
      NoiseSpec spec = noise(JsonNodeFactory.instance.objectNode().put("type", name));
      if (spec != null && spec.latent() == latent) {
        out.add(name);
      }
    }
    return out;
  }

  private DataShape validate(Path file, Experiment e) throws ExperimentException {
    for (Role missing : Role.missing(e)) {
      throw new ExperimentException(file, missing.key(), "missing; name a " + missing.kind().id() + " type: "
          + String.join(", ", registry.names(missing.kind())));
    }
    Backend backend = registry.backend(e.backend()).orElseThrow(() -> new ExperimentException(file, "backend",
        "unknown backend '" + e.backend() + "'; known: " + String.join(", ", registry.backendNames())));
    PluginContext context = PluginContext.at(file.toAbsolutePath().getParent());
    DataShape data;
    try {
      data = e.dataset().describe(context);
    } catch (NoSuchFileException ex) {
      throw new ExperimentException(file, "dataset", "file not found: " + ex.getFile());
    } catch (InvalidOptionException ex) {
      Problem p = ex.toProblem(Role.DATASET.key());
      throw new ExperimentException(file, p.path(), p.message());
    } catch (IOException | RuntimeException ex) {
      throw new ExperimentException(file, "dataset", String.valueOf(ex.getMessage()));
    }
    int[] shape = data.shape();
    int[] produced = e.generator().outputShape(shape);
    if (!Arrays.equals(produced, shape)) {
      throw new ExperimentException(file, "generator", "produces " + DataShape.format(produced)
          + " samples but the dataset's examples are " + DataShape.format(shape) + "; change the generator's size options");
    }
    int[] accepted = e.discriminator().inputShape(shape);
    if (!Arrays.equals(accepted, shape)) {
      throw new ExperimentException(file, "discriminator", "cannot take " + DataShape.format(shape)
          + " examples (it accepts " + DataShape.format(accepted) + "); change the discriminator's size options");
    }
    if (e.generator().conditional() && data.numClasses() == 0) {
      throw new ExperimentException(file, "generator.conditional", "needs a labelled dataset; this one has no labels");
    }
    if (e.discriminator().conditional() && data.numClasses() == 0) {
      throw new ExperimentException(file, "discriminator.conditional", "needs a labelled dataset; this one has no labels");
    }
    int pack = e.discriminator().pack();
    if (pack > 1 && e.training().batchSize() % pack != 0) {
      throw new ExperimentException(file, "discriminator.pack", pack + " does not divide training.batch-size "
          + e.training().batchSize() + "; D judges packs of " + pack + " samples, so use a batch size that is a multiple of it");
    }
    for (Problem problem : backend.check(e)) {
      throw new ExperimentException(file, problem.path(), problem.message());
    }
    return data;
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "." + b;
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      String part = r.getFieldName() != null ? r.getFieldName() : r.getIndex() >= 0 ? String.valueOf(r.getIndex()) : null;
      if (part != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(part);
      }
    }
    return sb.toString();
  }

  private static String friendly(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a section (" + type.getSimpleName().replaceAll("(Spec|Options)$", "").toLowerCase(Locale.ROOT) + ")";
  }
}
