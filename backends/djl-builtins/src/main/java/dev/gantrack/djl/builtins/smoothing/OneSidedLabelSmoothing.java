package dev.gantrack.djl.builtins.smoothing;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.LabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLossSpec.Targets;

/**
 * Label smoothing {@code one-sided} (Salimans et al. 2016): D's target for real examples is {@code
 * real} (0.9 by default), for fakes 0. G's targets stay the plain 1 / 0.
 */
public record OneSidedLabelSmoothing(
    @JsonProperty("real") @JsonPropertyDescription("D's target for real examples") Double real)
    implements LabelSmoothingSpec, DjlLabelSmoothingSpec {
  public static final String TYPE = "one-sided";

  public OneSidedLabelSmoothing {
    real = Checks.range("real", real, 0.9, 0.5, 1.0);
  }

  @Override
  public LabelSmoothing create(RunServices run) {
    float r = real.floatValue();
    return (NDManager m, long n, long step) -> new Targets(m.full(new Shape(n, 1), r), m.zeros(new Shape(n, 1)));
  }
}
