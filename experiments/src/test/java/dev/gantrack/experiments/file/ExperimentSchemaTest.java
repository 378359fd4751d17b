package dev.gantrack.experiments.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.cli.Gantrack;
import dev.gantrack.experiments.plugin.PluginJars;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantrack schema} describes experiment files as a JSON Schema (2020-12) that a maintained
 * validator (networknt) accepts every shipped experiment file with, and that rejects what {@code
 * gantrack validate} would: a typo'd option of the named type, an unknown type, a value out of range.
 */
class ExperimentSchemaTest {
  private static Schema schema;

  @TempDir static Path tmp;

  @BeforeAll
  static void buildSchema() {
    JsonNode json = ExperimentSchema.of(new ExperimentLoader(PluginRegistry.discover(null)).options());
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(json);
  }

  private static List<Error> errors(Schema s, String yaml) throws ExperimentException {
    return s.validate(SafeYaml.parse(Path.of("test.yaml"), yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Path> shippedFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("experiments", "experiments/components", "experiments/ablations")) {
      try (Stream<Path> s = Files.list(TestFiles.repo().resolve(folder))) {
        s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  @Test
  void everyShippedExperimentFileIsValidAndTheBrokenExampleIsNot() throws Exception {
    List<Path> files = shippedFiles();
    assertTrue(files.size() >= 30, files.toString());
    assertTrue(files.stream().anyMatch(f -> f.toString().endsWith("components/optim-sgd-step.yaml")), "uses extends");
    for (Path f : files) {
      List<Error> errors = schema.validate(SafeYaml.parse(f, Files.readAllBytes(f)));
      if (f.getFileName().toString().equals("broken.yaml")) {
        assertFalse(errors.isEmpty(), "broken.yaml names the unknown loss type lsgan2");
        assertTrue(errors.toString().contains("/loss/type"), errors.toString());
      } else {
        assertEquals(List.of(), errors, f.toString());
      }
    }
  }

  @Test
  void aTypoInAnOptionOfTheNamedTypeIsRejected() throws Exception {
    assertEquals(List.of(), errors(schema, "loss: {type: wgan-gp, lambda: 1}\n"));
    List<Error> hinge = errors(schema, "loss: {type: hinge, lamda: 1}\n");
    assertFalse(hinge.isEmpty());
    assertTrue(hinge.toString().contains("lamda"), hinge.toString());
    // lambda is an option of wgan-gp, not of hinge: options are allowed per type, not per kind
    assertFalse(errors(schema, "loss: {type: hinge, lambda: 1}\n").isEmpty());
    assertFalse(errors(schema, "ttur: {type: separate, generator: {optimzer: sgd}}\n").isEmpty(), "nested group");
  }

  @Test
  void anUnknownTypeAndAnUnknownSectionAreRejected() throws Exception {
    assertFalse(errors(schema, "loss: {type: lsgan2}\n").isEmpty());
    assertFalse(errors(schema, "losses: {type: lsgan}\n").isEmpty());
    // a latent distribution is no instance noise: each noise role takes only the types it accepts
    assertFalse(errors(schema, "instance-noise: {type: normal}\n").isEmpty());
    assertEquals(List.of(), errors(schema, "instance-noise: {type: instance, sigma: 0.2}\n"));
  }

  @Test
  void declaredRangesAndChoicesAreChecked() throws Exception {
    assertFalse(errors(schema, "training: {batch-size: 0}\n").isEmpty(), "batch-size is 1 to 65536");
    assertFalse(errors(schema, "generator: {type: mlp, norm: group}\n").isEmpty(), "norm is batch | layer | none");
    assertFalse(errors(schema, "ttur: {generator: {optimizer: adagrad}}\n").isEmpty());
    assertFalse(errors(schema, "training: {steps: ten}\n").isEmpty());
    assertEquals(List.of(), errors(schema, "training: {steps: 10, batch-size: 8}\npenalty: null\n"), "null removes a key");
  }

  @Test
  void aSectionWithoutTypeTakesAnyOptionOfItsRolesTypes() throws Exception {
    // the type comes from a base file or the defaults: the schema cannot know which, so any loss option fits
    assertEquals(List.of(), errors(schema, "extends: base.yaml\nloss: {lambda: 5}\n"));
    assertFalse(errors(schema, "extends: [a.yaml, b.yaml]\nloss: {lamda: 5}\n").isEmpty());
    assertFalse(errors(schema, "trackers: [{logdir: tb}]\n").isEmpty(), "list items name their type");
  }

  @Test
  void theSchemaCommandListsPluginTypesFromThePluginsFolder() throws Exception {
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    PluginJars.scaledMinimax(tmp, plugins.resolve("scaled.jar"), "ext.schema");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), "schema", "--plugins", plugins.toString());
    assertEquals(0, code, err.toString());
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertEquals("https://json-schema.org/draft/2020-12/schema", json.path("$schema").asText());
    assertTrue(json.at("/$defs/loss/properties/type/enum").toString().contains("\"scaled-minimax\""), json.at("/$defs/loss").toString());
    Schema withPlugin = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(json);
    assertEquals(List.of(), errors(withPlugin, "loss: {type: scaled-minimax, scale: 0.5}\n"));
    assertFalse(errors(withPlugin, "loss: {type: scaled-minimax, scael: 0.5}\n").isEmpty());
    assertFalse(errors(schema, "loss: {type: scaled-minimax}\n").isEmpty(), "not without the plugins folder");
  }
}
