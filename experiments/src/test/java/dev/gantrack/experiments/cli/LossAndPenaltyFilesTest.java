package dev.gantrack.experiments.cli;

import dev.gantrack.djl.builtins.penalty.GradientPenalty;
import dev.gantrack.djl.builtins.loss.HingeLoss;
import dev.gantrack.djl.builtins.loss.LsganLoss;
import dev.gantrack.djl.builtins.penalty.R1Penalty;
import dev.gantrack.djl.builtins.penalty.R2Penalty;
import dev.gantrack.djl.builtins.loss.WassersteinLoss;
import dev.gantrack.djl.builtins.loss.WganGpLoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.Experiment;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped loss examples validate, and the loader binds every new loss type and a top-level
 * {@code penalty:} section, from files and from {@code --set}, to its plugin with its defaults.
 */
class LossAndPenaltyFilesTest {
  private static ExperimentLoader loader;

  @BeforeAll
  static void registry() {
    loader = new ExperimentLoader(PluginRegistry.discover(null));
  }

  private static Path example(String name) {
    return TestFiles.repo().resolve("experiments").resolve(name);
  }

  private static int validate(Path file, String... sets) {
    List<String> args = new ArrayList<>(List.of("validate", file.toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new));
    assertEquals(0, code, err.toString());
    return code;
  }

  private static Experiment load(Path file, String... sets) throws Exception {
    return loader.load(file, List.of(sets)).experiment();
  }

  @Test
  void shippedRingWganGpExampleValidatesWithItsLambda() throws Exception {
    validate(example("ring-wgan-gp.yaml"));
    WganGpLoss loss = assertInstanceOf(WganGpLoss.class, load(example("ring-wgan-gp.yaml")).loss());
    assertEquals(10.0, loss.lambda());
  }

  @Test
  void shippedMnistLsganExampleExtendsTheDcganAndSwitchesTheLoss() throws Exception {
    validate(example("mnist-lsgan.yaml"));
    Experiment e = load(example("mnist-lsgan.yaml"));
    assertInstanceOf(LsganLoss.class, e.loss());
    assertEquals("mnist-lsgan", e.name());
  }

  @Test
  void everyNewLossTypeIsOneSetAway() throws Exception {
    Path dcgan = example("mnist-dcgan.yaml");
    validate(dcgan, "loss.type=lsgan");
    assertInstanceOf(LsganLoss.class, load(dcgan, "loss.type=lsgan").loss());
    assertInstanceOf(HingeLoss.class, load(dcgan, "loss.type=hinge").loss());
    assertEquals(0.01, assertInstanceOf(WassersteinLoss.class, load(dcgan, "loss.type=wgan").loss()).clip());
    assertEquals(0.05, assertInstanceOf(WassersteinLoss.class,
        load(dcgan, "loss={type: wgan, clip: 0.05}").loss()).clip());
    assertEquals(10.0, assertInstanceOf(WganGpLoss.class, load(dcgan, "loss.type=wgan-gp").loss()).lambda());
  }

  @Test
  void penaltySectionBindsR1R2AndGpWithTheirOptions() throws Exception {
    Path dcgan = example("mnist-dcgan.yaml");
    validate(dcgan, "penalty={type: r1, gamma: 10}");
    assertEquals(10.0, assertInstanceOf(R1Penalty.class, load(dcgan, "penalty={type: r1, gamma: 10}").penalty()).gamma());
    assertEquals(10.0, assertInstanceOf(R2Penalty.class, load(dcgan, "penalty={type: r2}").penalty()).gamma());
    GradientPenalty gp = assertInstanceOf(GradientPenalty.class,
        load(dcgan, "penalty={type: gp, lambda: 5, target: 0}").penalty());
    assertEquals(5.0, gp.lambda());
    assertEquals(0.0, gp.target());
    assertEquals(1.0, assertInstanceOf(GradientPenalty.class, load(dcgan, "penalty.type=gp").penalty()).target());
  }

  @Test
  void aNegativeGammaIsRejectedBeforeTraining() {
    List<String> args = List.of("validate", example("mnist-dcgan.yaml").toString(), "--set", "penalty={type: r1, gamma: -1}");
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new));
    assertEquals(2, code, err.toString());
    assertTrue(err.toString().contains("penalty.gamma") && err.toString().contains("out of range"), err.toString());
  }
}
