package dev.gantrack.djl.builtins.smoothing;

import ai.djl.ndarray.NDManager;
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
 * Label smoothing {@code two-sided}: D's target for real examples is {@code real} (0.9 by default)
 * and for fakes {@code fake} (0.1 by default). G's targets stay the plain 1 / 0.
 */
public record TwoSidedLabelSmoothing(
    @JsonProperty("real") @JsonPropertyDescription("D's target for real examples") Double real,
    @JsonProperty("fake") @JsonPropertyDescription("D's target for fake examples") Double fake)
    implements LabelSmoothingSpec, DjlLabelSmoothingSpec {
  public static final String TYPE = "two-sided";

  public TwoSidedLabelSmoothing {
    real = Checks.range("real", real, 0.9, 0.5, 1.0);
    fake = Checks.range("fake", fake, 0.1, 0.0, 0.5);
    if (fake >= real) {
      throw new InvalidOptionException("fake", fake + " must be below real (" + real + ")");
    }
  }

  @Override
  public LabelSmoothing create(RunServices run) {
    float r = real.floatValue();
    float f = fake.floatValue();
    return (NDManager m, long n, long step) -> new Targets(m.full(new Shape(n, 1), r), m.full(new Shape(n, 1), f));
  }
}
