package dev.gantrack.experiments.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group whose selector ({@code @Selector}, an optimizer group's {@code optimizer}) changes is
 * replaced whole, in {@code --set} and in {@code extends} merges, as a section whose {@code type:}
 * changes is: the old choice's options (Adam's betas) do not follow it to the new one (SGD).
 */
class SelectorChangeTest {
  private static ExperimentLoader loader;
  private static Path mnist;

  @TempDir Path dir;

  @BeforeAll
  static void registry() {
    loader = new ExperimentLoader(PluginRegistry.discover(null));
    mnist = TestFiles.repo().resolve("experiments/mnist-dcgan.yaml");
  }

  @Test
  void setChangingTheOptimizerDropsTheFilesAdamBetas() throws Exception {
    JsonNode r = loader.load(mnist, List.of("ttur.generator.optimizer=sgd")).resolved();
    assertEquals("sgd", r.at("/ttur/generator/optimizer").asText());
    assertTrue(r.at("/ttur/generator/beta1").isMissingNode(), r.at("/ttur/generator").toString());
    assertEquals(2e-4, r.at("/ttur/generator/lr").asDouble(), "the whole group is replaced: lr is the default again");
    assertEquals(0.0, r.at("/ttur/generator/momentum").asDouble());
    assertEquals("adam", r.at("/ttur/discriminator/optimizer").asText(), "the other group is untouched");
    assertEquals(0.5, r.at("/ttur/discriminator/beta1").asDouble());
    // then options of the new choice can be set after it
    JsonNode m = loader.load(mnist, List.of("ttur.generator.optimizer=sgd", "ttur.generator.momentum=0.9")).resolved();
    assertEquals(0.9, m.at("/ttur/generator/momentum").asDouble());
  }

  @Test
  void setKeepingTheSameOptimizerKeepsTheOtherOptions() throws Exception {
    JsonNode r = loader.load(mnist, List.of("ttur.generator.optimizer=adam", "ttur.generator.lr=0.005")).resolved();
    assertEquals(0.005, r.at("/ttur/generator/lr").asDouble());
    assertEquals(0.999, r.at("/ttur/generator/beta2").asDouble());
  }

  @Test
  void aFileExtendingAnAdamFileWithSgdInheritsNoBetas() throws Exception {
    Path child = dir.resolve("sgd.yaml");
    Files.writeString(child, "extends: " + mnist + "\nttur:\n  generator: {optimizer: sgd, lr: 0.01, momentum: 0.9}\n");
    JsonNode r = loader.load(child, List.of()).resolved();
    assertEquals(0.01, r.at("/ttur/generator/lr").asDouble());
    assertTrue(r.at("/ttur/generator/beta1").isMissingNode(), r.at("/ttur/generator").toString());
    assertEquals(2.0e-4, r.at("/ttur/discriminator/lr").asDouble(), "D keeps the base file's Adam");
    // the same optimizer merges option by option
    Path same = dir.resolve("same.yaml");
    Files.writeString(same, "extends: " + mnist + "\nttur:\n  generator: {optimizer: adam, lr: 0.003}\n");
    JsonNode s = loader.load(same, List.of()).resolved();
    assertEquals(0.003, s.at("/ttur/generator/lr").asDouble());
    assertEquals(0.5, s.at("/ttur/generator/beta1").asDouble());
  }

  @Test
  void selectorsAreFoundFromTheSectionsSpecClassAnnotation() throws IOException {
    SpecOptions options = loader.options();
    Map<String, String> types = Map.of("ttur", "separate");
    assertTrue(options.at("ttur.generator.optimizer", types::get).orElseThrow().selector());
    assertFalse(options.at("ttur.generator.lr", types::get).orElseThrow().selector());
    assertTrue(options.at("ttur.discriminator.optimizer", Map.of("ttur", "two-time-scale")::get).orElseThrow().selector());
    assertTrue(options.at("ttur.generator.optimizer", Map.of("ttur", "no-such-type")::get).isEmpty());
    assertTrue(options.at("dataset.images", Map.of("dataset", "idx")::get).orElseThrow().file());
    assertTrue(options.at("trackers.2.logdir", Map.of("trackers.2", "tensorboard")::get).orElseThrow().file());
    assertFalse(options.at("dataset.limit", Map.of("dataset", "idx")::get).orElseThrow().file());
  }
}
