package dev.gantrack.experiments.file;

import dev.gantrack.djl.builtins.network.DcganGenerator;
import dev.gantrack.djl.builtins.loss.MinimaxLoss;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;

import dev.gantrack.djl.builtins.network.MlpGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantrack.api.Experiment;
import dev.gantrack.experiments.data.GridDataset;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader resolves defaults, {@code extends} chains and {@code --set} overrides into one experiment. */
class ExperimentLoaderTest {
  private static final String BASE = """
      name: base
      seed: 7
      dataset: {type: ring, sigma: 0.02}
      generator: {type: mlp, latent-dim: 8, hidden: 32, layers: 2, output: linear}
      discriminator: {type: mlp, hidden: 32, layers: 2}
      training: {steps: 100, batch-size: 16, log-every: 10}
      trackers:
        - {type: local}
      """;

  private static ExperimentLoader loader;

  @TempDir Path dir;

  @BeforeAll
  static void registry() {
    loader = new ExperimentLoader(PluginRegistry.discover(null));
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void childOverridesOneOptionOfABaseSectionAndKeepsTheOthers() throws Exception {
    write("base.yaml", BASE);
    Path child = write("child.yaml", """
        extends: base.yaml
        name: child
        generator: {hidden: 64}
        training: {steps: 5}
        """);
    Experiment e = loader.load(child, List.of()).experiment();
    assertEquals("child", e.name());
    MlpGenerator g = assertInstanceOf(MlpGenerator.class, e.generator());
    assertEquals(64, g.hidden());
    assertEquals(8, g.latentDim());
    assertEquals(2, g.layers());
    assertEquals("linear", g.output());
    assertEquals(5, e.training().steps());
    assertEquals(16, e.training().batchSize());
    assertEquals(10, e.training().logEvery());
    assertEquals(7L, e.seed());
  }

  @Test
  void changingASectionsTypeDropsTheOldTypesOptions() throws Exception {
    write("base.yaml", BASE);
    Path child = write("child.yaml", """
        extends: base.yaml
        generator: {type: dcgan, latent-dim: 16}
        """);
    ExperimentException ex = assertThrows(ExperimentException.class, () -> loader.load(child, List.of()));
    // the dcgan generator cannot produce 2-D points, but the failure must be about shape, not about mlp's options
    assertEquals("generator", ex.field(), ex.getMessage());
    assertFalse(ex.getMessage().contains("unknown field"), ex.getMessage());

    Path same = write("same.yaml", """
        extends: base.yaml
        generator: {type: mlp}
        """);
    MlpGenerator g = assertInstanceOf(MlpGenerator.class, loader.load(same, List.of()).experiment().generator());
    assertEquals(32, g.hidden(), "same type: options merge");
  }

  @Test
  void typeChangeViaExtendsDoesNotCarryOptionsOver() throws Exception {
    write("base.yaml", BASE);
    Path child = write("child.yaml", """
        extends: base.yaml
        dataset: {type: grid}
        """);
    Experiment e = loader.load(child, List.of()).experiment();
    GridDataset grid = assertInstanceOf(GridDataset.class, e.dataset());
    assertEquals(new GridDataset(null), grid, "ring's sigma 0.02 must not leak into grid");
  }

  @Test
  void setOverridesNestedPathsListIndexesAndTypes() throws Exception {
    Path f = write("base.yaml", BASE);
    Experiment e = loader.load(f, List.of("training.steps=3", "generator.hidden=12", "trackers.0.type=console",
        "trackers.1={type: local}", "loss.type=minimax", "seed=99")).experiment();
    assertEquals(3, e.training().steps());
    assertEquals(12, ((MlpGenerator) e.generator()).hidden());
    assertEquals(8, ((MlpGenerator) e.generator()).latentDim());
    assertEquals(2, e.trackers().size());
    assertEquals("ConsoleTrackerSpec", e.trackers().get(0).getClass().getSimpleName());
    assertEquals("LocalTrackerSpec", e.trackers().get(1).getClass().getSimpleName());
    assertInstanceOf(MinimaxLoss.class, e.loss());
    assertEquals(99L, e.seed());
  }

  @Test
  void setTypeChangeDropsOldOptions() throws Exception {
    Path f = write("base.yaml", BASE);
    // ring has sigma 0.02; switching to grid must drop it (grid would reject or ignore it otherwise)
    Experiment e = loader.load(f, List.of("dataset.type=grid")).experiment();
    assertEquals(new GridDataset(null), e.dataset());
    // a bad index fails naming the path
    ExperimentException ex = assertThrows(ExperimentException.class,
        () -> loader.load(f, List.of("trackers.5.type=console")));
    assertTrue(ex.getMessage().contains("trackers.5"), ex.getMessage());
    assertTrue(ex.getMessage().contains("out of range"), ex.getMessage());
  }

  @Test
  void extendsCycleFailsNamingTheCycle() throws Exception {
    write("a.yaml", "extends: b.yaml\nname: a\n");
    write("b.yaml", "extends: c.yaml\n");
    write("c.yaml", "extends: a.yaml\n");
    ExperimentException ex = assertThrows(ExperimentException.class,
        () -> loader.load(dir.resolve("a.yaml"), List.of()));
    assertEquals("extends", ex.field());
    assertTrue(ex.problem().contains("a.yaml -> b.yaml -> c.yaml -> a.yaml"), ex.getMessage());
  }

  @Test
  void resolvedYamlLoadsAgainToAnEqualExperiment() throws Exception {
    write("base.yaml", BASE);
    Path child = write("child.yaml", """
        extends: base.yaml
        name: child
        loss: {type: minimax}
        generator: {hidden: 48}
        metrics:
          - {type: mode-coverage}
        """);
    ExperimentLoader.Loaded first = loader.load(child, List.of("training.steps=9"));
    Path again = write("resolved.yaml", first.resolvedYaml());
    ExperimentLoader.Loaded second = loader.load(again, List.of());
    assertEquals(first.resolved(), second.resolved(), first.resolvedYaml());
    assertEquals(first.experiment().dataset(), second.experiment().dataset());
    assertEquals(first.experiment().generator(), second.experiment().generator());
    assertEquals(first.experiment().training(), second.experiment().training());
    assertEquals(first.resolvedYaml(), second.resolvedYaml());
    JsonNode resolved = second.resolved();
    assertEquals("minimax", resolved.at("/loss/type").asText());
    assertEquals(48, resolved.at("/generator/hidden").asInt());
    assertEquals(9, resolved.at("/training/steps").asInt());
  }

  @Test
  void defaultsFillSectionsTheFileLeavesOut() throws Exception {
    Path f = write("base.yaml", BASE);
    Experiment e = loader.load(f, List.of()).experiment();
    assertInstanceOf(NonSaturatingLoss.class, e.loss());
    assertNotEquals(null, e.labelSmoothing());
    assertEquals("djl", e.backend());
  }

  @Test
  void dcganOnMnistResolves() throws Exception {
    String repo = System.getProperty("gantrack.repo");
    Path mnist = (repo != null ? Path.of(repo) : Path.of("").toAbsolutePath().getParent()).resolve("experiments/mnist-dcgan.yaml");
    ExperimentLoader.Loaded l = loader.load(mnist, List.of());
    assertInstanceOf(DcganGenerator.class, l.experiment().generator());
    assertEquals(42L, l.experiment().seed());
  }
}
