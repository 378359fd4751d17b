package dev.gantrack.djl.builtins.loss;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import java.util.List;

/**
 * Loss {@code wgan} (Arjovsky et al. 2017): D is a critic minimising mean D(G(z)) − mean D(x), the
 * usual estimate of −W(real, fake) (not halved: there are no separate real and fake terms to
 * average); G minimises −mean D(G(z)). After every D update each of D's trainable weights is clipped
 * to [−clip, clip] in place to keep the critic Lipschitz (0 disables clipping). Targets are ignored;
 * {@link Loss#score} reports the raw critic value, so d_real − d_fake estimates W.
 */
public record WassersteinLoss(
    @JsonProperty("clip")
    @JsonPropertyDescription("clip D's weights to [-clip, clip] after every D update; 0 = no clipping")
    Double clip)
    implements LossSpec, DjlLossSpec {
  public static final String TYPE = "wgan";

  public WassersteinLoss {
    clip = Checks.range("clip", clip, 0.01, 0.0, 1000.0);
  }

  /** The critic's loss: mean D(G(z)) − mean D(x). */
  static NDArray criticLoss(NDArray real, NDArray fake) {
    return fake.mean().sub(real.mean());
  }

  /** G's loss: −mean D(G(z)). */
  static NDArray generatorLoss(NDArray fake) {
    return fake.mean().neg();
  }

  /** Clips every array to [−c, c], changing it in place (the same array object keeps the result). */
  static void clipInPlace(List<NDArray> weights, float c) {
    for (NDArray w : weights) {
      try (NDArray clipped = w.clip(-c, c)) {
        w.muli(0).addi(clipped);
      }
    }
  }

  @Override
  public Loss create(RunServices run) {
    float c = clip.floatValue();
    return new Loss() {
      @Override
      public NDArray discriminator(NDArray real, NDArray fake, Targets t) {
        return criticLoss(real, fake);
      }

      @Override
      public NDArray generator(NDArray fake, Targets t) {
        return generatorLoss(fake);
      }

      @Override
      public NDArray score(NDArray outputs) {
        return outputs;
      }

      @Override
      public void afterDiscriminatorUpdate(List<NDArray> discriminatorWeights) {
        if (c > 0) {
          clipInPlace(discriminatorWeights, c);
        }
      }
    };
  }
}
