package dev.gantrack.experiments.cli;

import dev.gantrack.djl.builtins.network.DcganDiscriminator;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.spectral.PowerIterationSpectralNorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.Experiment;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped spectral-norm / PacGAN examples resolve; pack, minibatch-std and spectral-norm
 * mistakes are one line naming the field.
 */
class StabilisationOptionsValidationTest {

  @TempDir Path dir;

  /** {@code gantrack validate FILE --set ...}: exit code and stderr. */
  static String[] validate(Path file, String... sets) {
    List<String> args = new java.util.ArrayList<>(List.of("validate", file.toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    return new String[] {String.valueOf(code), err.toString().strip(), out.toString()};
  }

  private void assertRejected(String field, String[] outcome, String... fragments) {
    assertEquals("2", outcome[0], outcome[1]);
    String line = outcome[1];
    assertEquals(1, line.lines().count(), line);
    assertFalse(line.contains("Exception"), line);
    assertTrue(line.contains(": " + field + ": "), "names " + field + ": " + line);
    for (String f : fragments) {
      assertTrue(line.contains(f), "'" + f + "' expected in: " + line);
    }
  }

  private Path ring() throws IOException {
    Path p = dir.resolve("ring.yaml");
    Files.writeString(p, TestFiles.TINY_RING);
    return p;
  }

  @Test
  void shippedExamplesResolveWithPackSpectralNormAndEma() throws Exception {
    ExperimentLoader loader = new ExperimentLoader(PluginRegistry.discover(null));
    Experiment ring = loader.load(TestFiles.repo().resolve("experiments/ring-pacgan.yaml"), List.of()).experiment();
    assertEquals(4, ring.discriminator().pack());
    assertEquals(0, ring.training().batchSize() % 4);
    Experiment sn = loader.load(TestFiles.repo().resolve("experiments/mnist-dcgan-sn.yaml"), List.of()).experiment();
    PowerIterationSpectralNorm spec = assertInstanceOf(PowerIterationSpectralNorm.class, sn.spectralNorm());
    assertEquals(1, spec.iterations());
    assertFalse(spec.generator());
    assertEquals(0.999, sn.training().ema());
    assertInstanceOf(dev.gantrack.djl.builtins.network.DcganDiscriminator.class, sn.discriminator());
  }

  @Test
  void resolvedFileListsTheNewDiscriminatorOptions() throws Exception {
    ExperimentLoader loader = new ExperimentLoader(PluginRegistry.discover(null));
    String yaml = loader.load(ring(), List.of("discriminator.minibatch-std=true")).resolvedYaml();
    assertTrue(yaml.contains("pack: 1"), yaml);
    assertTrue(yaml.contains("minibatch-std: true"), yaml);
    assertTrue(yaml.contains("minibatch-std-group: 0"), yaml);
    MlpDiscriminator d = (MlpDiscriminator) loader.load(ring(), List.of("discriminator.pack=4")).experiment().discriminator();
    assertEquals(4, d.pack());
  }

  @Test
  void pluginsListsSpectralNormAndPackWithTheirDefaults() {
    StringWriter out = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "plugins");
    assertEquals(0, code);
    String listing = out.toString();
    assertTrue(listing.contains("power-iteration"), listing);
    assertTrue(listing.matches("(?s).*\\n +iterations += 1 .*"), listing);
    assertTrue(listing.matches("(?s).*\\n +epsilon += 1\\.0E-12 .*"), listing);
    assertTrue(listing.matches("(?s).*\\n +pack += 1 .*"), listing);
    assertTrue(listing.matches("(?s).*\\n +minibatch-std += false .*"), listing);
  }

  @Test
  void batchNormWithOneExamplePerPassIsRejectedBeforeTraining() throws IOException {
    // the ring file's G uses batch norm (mlp's default), its D none
    assertRejected("training.batch-size", validate(ring(), "training.batch-size=1"), "too small for the generator",
        "generator.norm: layer | none");
    assertEquals("0", validate(ring(), "training.batch-size=1", "generator.norm=layer")[0]);
    assertEquals("0", validate(ring(), "training.batch-size=2")[0]);
    assertRejected("training.batch-size", validate(ring(), "generator.norm=none", "discriminator.norm=batch", "discriminator.pack=8"),
        "gives the discriminator 1 example per pass", "packs of 8", "discriminator.norm: layer | none");
    assertEquals("0", validate(ring(), "discriminator.norm=batch", "discriminator.pack=4")[0]);
  }

  @Test
  void packThatDoesNotDivideTheBatchSizeIsRejected() throws IOException {
    assertRejected("discriminator.pack", validate(ring(), "discriminator.pack=3"), "does not divide training.batch-size 8");
  }

  @Test
  void packWithAConditionalDiscriminatorIsRejected() throws IOException {
    Path f = dir.resolve("mnist.yaml");
    Files.writeString(f, "extends: " + TestFiles.repo().resolve("experiments/mnist-dcgan.yaml") + "\n");
    assertRejected("discriminator.pack", validate(f, "discriminator.conditional=true", "discriminator.pack=2"),
        "cannot be used with conditional: true");
  }

  @Test
  void packOutOfRangeAndBadSpectralNormLayerAreRejected() throws IOException {
    assertRejected("discriminator.pack", validate(ring(), "discriminator.pack=0"), "out of range");
    assertRejected("spectral-norm.layers",
        validate(ring(), "spectral-norm={type: power-iteration, layers: [linear, dense]}"), "'dense' is not allowed");
    assertRejected("spectral-norm.iterations",
        validate(ring(), "spectral-norm={type: power-iteration, iterations: 0}"), "out of range");
    assertEquals("0", validate(ring(), "spectral-norm={type: power-iteration}", "discriminator.pack=4",
        "discriminator.minibatch-std=true")[0]);
  }
}
