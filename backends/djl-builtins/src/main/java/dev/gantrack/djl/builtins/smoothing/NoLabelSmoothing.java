package dev.gantrack.djl.builtins.smoothing;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.LabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLossSpec.Targets;

/** Label smoothing {@code none}: real 1, fake 0. */
public record NoLabelSmoothing() implements LabelSmoothingSpec, DjlLabelSmoothingSpec {
  public static final String TYPE = "none";

  @Override
  public LabelSmoothing create(RunServices run) {
    return (NDManager m, long n, long step) -> new Targets(m.ones(new Shape(n, 1)), m.zeros(new Shape(n, 1)));
  }
}
