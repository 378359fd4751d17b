package dev.gantrack.djl.builtins.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.djl.builtins.NoServices;
import dev.gantrack.djl.spi.DjlLossSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The levels each built-in loss declares for the health rules, against the loss itself on the
 * engine: the balance level is the least D's loss can be when real and fake outputs cannot differ,
 * and the score levels are what D reports, at its loss's floor, once it is sure.
 */
class LossLevelsTest {
  private static final int N = 4;
  private static final float[] ONES = LogitGradients.constant(N, 1f);
  private static final float[] ZEROS = LogitGradients.constant(N, 0f);

  static Stream<Arguments> lossesWithLevels() {
    // the loss, and D's outputs (logits or raw scores) on reals and fakes when D is sure
    return Stream.of(
        Arguments.of("minimax", new MinimaxLoss(), 30f, -30f),
        Arguments.of("non-saturating", new NonSaturatingLoss(), 30f, -30f),
        Arguments.of("relativistic", new RelativisticLoss(), 30f, -30f),
        Arguments.of("relativistic-average", new RelativisticAverageLoss(), 30f, -30f),
        Arguments.of("lsgan", new LsganLoss(), 1f, 0f),
        Arguments.of("hinge", new HingeLoss(), 1f, -1f));
  }

  /** D's loss with every real and every fake output equal to {@code c}, targets 1 and 0. */
  private static double lossAtConstant(DjlLossSpec.Loss loss, float c) {
    float[] out = LogitGradients.constant(N, c);
    return LogitGradients.discriminator(loss, out, out, ONES, ZEROS).value();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lossesWithLevels")
  void theBalanceLevelIsTheLeastDsLossWhenItCannotTellRealFromFake(String name, LossSpec spec, float sureReal, float sureFake) {
    DjlLossSpec.Loss loss = ((DjlLossSpec) spec).create(NoServices.INSTANCE);
    double least = Double.POSITIVE_INFINITY;
    for (int i = -300; i <= 300; i++) {
      least = Math.min(least, lossAtConstant(loss, i / 100f));
    }
    assertEquals(least, spec.balancedDiscriminatorLoss().orElseThrow(), 1e-6, name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lossesWithLevels")
  void theScoreLevelsAreWhatDReportsOnceSureWithItsLossAtItsFloor(String name, LossSpec spec, float sureReal, float sureFake) {
    DjlLossSpec.Loss loss = ((DjlLossSpec) spec).create(NoServices.INSTANCE);
    float[] real = LogitGradients.constant(N, sureReal);
    float[] fake = LogitGradients.constant(N, sureFake);
    double[] scores = LogitGradients.scores(loss, real, fake);
    LossSpec.ScoreLevels levels = spec.scoreLevels().orElseThrow();
    assertEquals(levels.real(), scores[0], 1e-6, name + " d_real");
    assertEquals(levels.fake(), scores[1], 1e-6, name + " d_fake");
    assertEquals(0, LogitGradients.discriminator(loss, real, fake, ONES, ZEROS).value(), 1e-6, name + " D's loss");
    assertEquals(1.0, levels.position(scores[0]), 1e-6);
    assertEquals(0.0, levels.position(scores[1]), 1e-6);
  }

  @Test
  void wassersteinCriticsDeclareNoLevels() {
    for (LossSpec spec : List.<LossSpec>of(new WassersteinLoss(null), new WganGpLoss(null))) {
      assertTrue(spec.balancedDiscriminatorLoss().isEmpty() && spec.scoreLevels().isEmpty(), spec.toString());
    }
  }
}
