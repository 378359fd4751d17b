package dev.gantrack.djl.builtins.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.gantrack.djl.builtins.GarbageCollection;
import dev.gantrack.djl.builtins.NoServices;
import dev.gantrack.djl.spi.DjlLossSpec;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every built-in loss keeps the numbers its gradients need alive until the backward pass: D's
 * gradients with respect to its logits are the same whether or not the garbage collector runs (and
 * the native memory it frees is overwritten with NaN) between the forward and the backward pass.
 * DJL's PyTorch engine turns {@code x.mul(0.5f)} into a tensor over a Java buffer that it closes at
 * once; the backward pass reads it again, so a loss written that way fails here.
 */
class GradientsSurviveTheGarbageCollectorTest {
  /** D's gradients (real then fake) of {@code loss} on the shared logits, collecting garbage before backward or not. */
  static float[] discriminatorGradients(DjlLossSpec.Loss loss, boolean collect) throws InterruptedException {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray real = m.create(LogitGradients.REAL).reshape(-1, 1);
      NDArray fake = m.create(LogitGradients.FAKE).reshape(-1, 1);
      real.setRequiresGradient(true);
      fake.setRequiresGradient(true);
      DjlLossSpec.Targets targets = new DjlLossSpec.Targets(m.create(LogitGradients.REAL_TARGETS).reshape(-1, 1),
          m.create(LogitGradients.FAKE_TARGETS).reshape(-1, 1));
      try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray value = loss.discriminator(real, fake, targets);
        if (collect) {
          GarbageCollection.collectAndOverwriteFreedMemory();
        }
        c.backward(value);
      }
      return real.getGradient().concat(fake.getGradient()).toFloatArray();
    }
  }

  static void assertSurvives(Supplier<DjlLossSpec> spec) throws InterruptedException {
    DjlLossSpec.Loss loss = spec.get().create(NoServices.INSTANCE);
    float[] quiet = discriminatorGradients(loss, false);
    for (int attempt = 0; attempt < 3; attempt++) {
      assertArrayEquals(quiet, discriminatorGradients(loss, true), spec.get() + ", attempt " + attempt);
    }
  }

  @Test
  void bceLossesSurvive() throws InterruptedException {
    assertSurvives(MinimaxLoss::new);
    assertSurvives(NonSaturatingLoss::new);
  }

  @Test
  void lsganAndHingeSurvive() throws InterruptedException {
    assertSurvives(LsganLoss::new);
    assertSurvives(HingeLoss::new);
  }

  @Test
  void relativisticLossesSurvive() throws InterruptedException {
    assertSurvives(RelativisticLoss::new);
    assertSurvives(RelativisticAverageLoss::new);
  }
}
