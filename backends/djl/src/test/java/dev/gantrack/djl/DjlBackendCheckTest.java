package dev.gantrack.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.Experiment;
import dev.gantrack.api.Problem;
import dev.gantrack.api.Role;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.spec.PenaltySpec;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.train.RingPoints;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What only the DJL backend can check, it checks before training: every role's interface, the device. */
class DjlBackendCheckTest {
  /** A penalty spec of the api only, with no DJL implementation. */
  record ApiOnlyPenalty() implements PenaltySpec {}

  static Experiment experiment(String device, PenaltySpec penalty) {
    return new Experiment("check", null, "djl", device, 1L, new RingPoints(),
        new MlpGenerator(4, 8, 1, null, null, null, "linear", null), new MlpDiscriminator(8, 1, null, null, null, null),
        new NonSaturatingLoss(), penalty, new NoLabelSmoothing(), new NormalLatent(null), null,
        new SeparateOptimizers(null, null, 1), null, new TrainingSpec(10, 8, 5, 0, 2, 0, 0, 0.0), List.of(), List.of(), List.of());
  }

  @Test
  void everyRoleOfTheTableIsKnownToTheBackend() {
    for (Role role : Role.values()) {
      DjlRoles.interfacesOf(role); // throws for a role the backend does not know
    }
  }

  @Test
  void aPenaltyWithoutADjlImplementationIsAProblemAtItsField() {
    List<Problem> problems = new DjlBackend().check(experiment("cpu", new ApiOnlyPenalty()));
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("penalty", problems.get(0).path());
    assertTrue(problems.get(0).message().contains("dev.gantrack.djl.spi.DjlPenaltySpec"), problems.toString());
  }

  @Test
  void aGpuOnAMachineWhosePyTorchSeesNoneIsAProblemAtDevice() {
    List<Problem> problems = new DjlBackend().check(experiment("gpu", null));
    if (ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() > 0) {
      assertEquals(List.of(), problems, "this machine has a GPU");
      return;
    }
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("device", problems.get(0).path());
    assertTrue(problems.get(0).message().contains("sees no CUDA GPU"), problems.toString());
    assertEquals(List.of(), new DjlBackend().check(experiment("cpu", null)));
    assertEquals(List.of(), new DjlBackend().check(experiment("auto", null)));
  }
}
