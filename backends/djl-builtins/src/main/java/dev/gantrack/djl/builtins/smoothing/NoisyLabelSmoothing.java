package dev.gantrack.djl.builtins.smoothing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.LabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLossSpec.Targets;

/**
 * Label smoothing {@code noisy}: at every D update each example's label is flipped (real ↔ fake)
 * independently with probability {@code p}; a flipped real example gets the {@code fake} target and
 * a flipped fake example the {@code real} one. {@code real} / {@code fake} (1 / 0 by default) can be
 * set to smoothed values to combine flipping with two-sided smoothing. The flips come from the
 * engine's seeded random generator, so a seed reproduces them. G's targets stay the plain 1 / 0.
 */
public record NoisyLabelSmoothing(
    @JsonProperty("p") @JsonPropertyDescription("probability that an example's label is flipped") Double p,
    @JsonProperty("real") @JsonPropertyDescription("D's target for an unflipped real example") Double real,
    @JsonProperty("fake") @JsonPropertyDescription("D's target for an unflipped fake example") Double fake)
    implements LabelSmoothingSpec, DjlLabelSmoothingSpec {
  public static final String TYPE = "noisy";

  public NoisyLabelSmoothing {
    p = Checks.range("p", p, 0.05, 0.0, 0.5);
    real = Checks.range("real", real, 1.0, 0.5, 1.0);
    fake = Checks.range("fake", fake, 0.0, 0.0, 0.5);
    if (fake >= real) {
      throw new InvalidOptionException("fake", fake + " must be below real (" + real + ")");
    }
  }

  @Override
  public LabelSmoothing create(RunServices run) {
    float flip = p.floatValue();
    float r = real.floatValue();
    float f = fake.floatValue();
    return (NDManager m, long n, long step) -> {
      Shape shape = new Shape(n, 1);
      NDArray realFlipped = flips(m, shape, flip);
      NDArray fakeFlipped = flips(m, shape, flip);
      return new Targets(select(realFlipped, f, r), select(fakeFlipped, r, f));
    };
  }

  /** 1 where an example's label is flipped (probability {@code p}, independently per example), else 0. */
  private static NDArray flips(NDManager m, Shape shape, float p) {
    return m.randomUniform(0f, 1f, shape).lt(p).toType(DataType.FLOAT32, false);
  }

  /** {@code flipped}·other + (1 − flipped)·own: exactly one of the two values per example. */
  private static NDArray select(NDArray flipped, float other, float own) {
    return flipped.mul(other).add(flipped.neg().add(1f).mul(own));
  }
}
