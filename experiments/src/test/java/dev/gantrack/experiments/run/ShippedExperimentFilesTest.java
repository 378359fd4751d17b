package dev.gantrack.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.cli.Gantrack;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every experiment file shipped under {@code experiments/} validates, and together they use every
 * built-in GAN component type (and every optimizer, schedule and annealing family), so that each
 * can be switched on from a file that runs; the files in {@code experiments/components/} (and the
 * conditional MNIST example) train for a few steps.
 */
class ShippedExperimentFilesTest {
  /** Sections of an experiment file and the plugin kind their {@code type:} names. */
  private static final Map<String, PluginKind> SECTIONS = Map.of(
      "generator", PluginKind.GENERATOR,
      "discriminator", PluginKind.DISCRIMINATOR,
      "loss", PluginKind.LOSS,
      "penalty", PluginKind.PENALTY,
      "label-smoothing", PluginKind.LABEL_SMOOTHING,
      "latent", PluginKind.NOISE,
      "instance-noise", PluginKind.NOISE,
      "ttur", PluginKind.TTUR,
      "spectral-norm", PluginKind.SPECTRAL_NORM,
      "dataset", PluginKind.DATASET);

  private static final List<PluginKind> GAN_KINDS = List.of(
      PluginKind.GENERATOR, PluginKind.DISCRIMINATOR, PluginKind.LOSS, PluginKind.PENALTY,
      PluginKind.LABEL_SMOOTHING, PluginKind.NOISE, PluginKind.TTUR, PluginKind.SPECTRAL_NORM, PluginKind.METRIC,
      PluginKind.HEALTH_RULE);

  private static PluginRegistry registry;
  private static ExperimentLoader loader;

  @TempDir Path tmp;

  @BeforeAll
  static void load() {
    registry = PluginRegistry.discover(null);
    loader = new ExperimentLoader(registry);
  }

  /** Every shipped experiment file but the deliberately broken example. */
  static List<Path> shippedFiles() throws IOException {
    try (Stream<Path> s = Files.walk(TestFiles.repo().resolve("experiments"), 2)) {
      return s.filter(p -> p.toString().endsWith(".yaml"))
          .filter(p -> !p.toString().contains("/src/") && !p.toString().contains("/target/"))
          .filter(p -> !p.getFileName().toString().equals("broken.yaml"))
          .sorted()
          .toList();
    }
  }

  /** The component tour's files and the (conditional) default: each is trained briefly. */
  static List<Path> tourFiles() throws IOException {
    List<Path> files = new ArrayList<>(shippedFiles().stream()
        .filter(p -> p.getParent().getFileName().toString().equals("components"))
        .filter(p -> !p.getFileName().toString().equals("base.yaml"))
        .toList());
    files.add(TestFiles.repo().resolve("experiments/mnist-dcgan.yaml"));
    return files;
  }

  @ParameterizedTest
  @MethodSource("shippedFiles")
  void shippedFileValidates(Path file) {
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "validate", file.toString());
    assertEquals(0, code, file + ": " + err);
  }

  /** A sweep sends each trial its resolved experiment (defaults filled in) and the trial loads that again. */
  @ParameterizedTest
  @MethodSource("shippedFiles")
  void shippedFileLoadsTheSameFromItsResolvedFormAsASweepTrialDoes(Path file) throws Exception {
    ExperimentLoader.Loaded loaded = loader.load(file, List.of());
    Path resolved = tmp.resolve("resolved.yaml");
    Files.writeString(resolved, loader.toYaml(loader.portableTree(loaded)));
    assertEquals(loader.portableTree(loaded), loader.portableTree(loader.load(resolved, List.of())), file.toString());
  }

  @Test
  void shippedFilesTogetherUseEveryBuiltInComponentTypeAndOptionFamily() throws Exception {
    Map<String, Set<String>> used = new TreeMap<>();
    for (Path file : shippedFiles()) {
      JsonNode f = loader.load(file, List.of()).resolved();
      SECTIONS.forEach((section, kind) -> {
        if (f.path(section).has("type")) {
          used.computeIfAbsent(kind.id(), k -> new TreeSet<>()).add(f.path(section).path("type").asText());
        }
      });
      f.path("metrics").forEach(m -> used.computeIfAbsent("metric", k -> new TreeSet<>()).add(m.path("type").asText()));
      f.path("health").forEach(h -> used.computeIfAbsent("health-rule", k -> new TreeSet<>()).add(h.path("type").asText()));
      for (String net : List.of("generator", "discriminator")) {
        JsonNode o = f.path("ttur").path(net);
        used.computeIfAbsent("optimizer", k -> new TreeSet<>()).add(o.path("optimizer").asText());
        used.computeIfAbsent("schedule", k -> new TreeSet<>()).add(o.path("schedule").asText());
      }
      if (f.path("instance-noise").has("anneal")) {
        used.computeIfAbsent("anneal", k -> new TreeSet<>()).add(f.path("instance-noise").path("anneal").asText());
      }
      Set<String> options = used.computeIfAbsent("options", k -> new TreeSet<>());
      if (f.path("discriminator").path("pack").asInt(1) > 1) {
        options.add("pack");
      }
      if (f.path("discriminator").path("minibatch-std").asBoolean()) {
        options.add("minibatch-std");
      }
      if (f.path("training").path("ema").asDouble() > 0) {
        options.add("ema");
      }
      if (f.path("generator").path("conditional").asBoolean() && f.path("discriminator").path("conditional").asBoolean()) {
        options.add("conditional");
      }
      if (f.path("ttur").path("d-steps").asInt(1) > 1) {
        options.add("d-steps");
      }
      if (f.path("spectral-norm").path("generator").asBoolean()) {
        options.add("spectral-norm on G");
      }
      for (String net : List.of("generator", "discriminator")) {
        if ("maxout".equals(f.path(net).path("activation").asText())) {
          options.add("maxout");
        }
        if (f.path(net).path("init-std").asDouble() > 0) {
          options.add("init-std");
        }
        if (f.path(net).path("kernel").asInt(4) % 2 == 1) {
          options.add("odd kernel");
        }
      }
      if (!f.path("generator").path("hidden-bias").asBoolean(true)) {
        options.add("hidden-bias");
      }
      if (f.path("ttur").path("g-steps").asInt(1) > 1) {
        options.add("g-steps");
      }
      if ("simultaneous".equals(f.path("ttur").path("update").asText())) {
        options.add("simultaneous");
      }
    }
    Map<String, Set<String>> missing = new TreeMap<>();
    for (PluginType t : registry.all()) {
      boolean builtIn = t.specClass().getName().startsWith("dev.gantrack.");
      if (builtIn && GAN_KINDS.contains(t.kind()) && !used.getOrDefault(t.kind().id(), Set.of()).contains(t.name())) {
        missing.computeIfAbsent(t.kind().id(), k -> new TreeSet<>()).add(t.name());
      }
    }
    Map<String, Set<String>> families = Map.of(
        "optimizer", Set.of("adam", "adamw", "sgd", "rmsprop"),
        "schedule", Set.of("constant", "linear", "cosine", "step"),
        "anneal", Set.of("linear", "exponential"),
        "dataset", Set.of("ring", "grid", "idx"),
        "options", Set.of("pack", "minibatch-std", "ema", "conditional", "d-steps", "spectral-norm on G", "maxout",
            "init-std", "hidden-bias", "g-steps", "simultaneous", "odd kernel"));
    families.forEach((family, all) -> {
      Set<String> left = new TreeSet<>(all);
      left.removeAll(used.getOrDefault(family, Set.of()));
      if (!left.isEmpty()) {
        missing.put(family, left);
      }
    });
    assertTrue(missing.isEmpty(), "not used by any shipped experiment file: " + missing + " (used: " + used + ")");
    assertFalse(used.get("loss").isEmpty());
  }

  @Tag("slow")
  @ParameterizedTest
  @MethodSource("tourFiles")
  void tourFileTrainsAFewStepsWithFiniteLosses(Path file) throws Exception {
    boolean images = file.getFileName().toString().startsWith("mnist");
    List<String> sets = new ArrayList<>(List.of("training.steps=" + (images ? 4 : 60),
        "training.log-every=" + (images ? 2 : 30), "trackers=[{type: local}]"));
    if (!images) {
      sets.add("metrics.0.samples=500");
    }
    Path run = TrainingRunTest.run(file, tmp.resolve("runs"), sets.toArray(String[]::new));
    assertEquals("FINISHED", Files.readString(run.resolve("status")).strip(), file.toString());
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      JsonNode r = loader.mapper().readTree(line);
      if (r.has("d_loss")) {
        assertTrue(Double.isFinite(r.get("d_loss").asDouble()) && Double.isFinite(r.get("g_loss").asDouble()), file + ": " + r);
        rows.add(r);
      }
    }
    assertEquals(2, rows.size(), file + ": logged loss rows");
    assertTrue(Files.list(run.resolve("samples")).findAny().isPresent(), file + ": the last step's samples");
  }
}
