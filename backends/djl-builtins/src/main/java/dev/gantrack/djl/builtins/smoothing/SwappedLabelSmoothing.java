package dev.gantrack.djl.builtins.smoothing;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.LabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLossSpec.Targets;

/**
 * Label smoothing {@code swap}: the label convention is reversed, real 0 and fake 1, for D and for G
 * alike, so G still pushes D's output on its fakes towards what D calls real. With {@code
 * non-saturating} G minimises BCE(D(G(z)), 0); with {@code minimax} G minimises −BCE(D(G(z)), 1),
 * i.e. log D(G(z)). D's reported score D(x) is then near 0 for examples D believes real. Losses that
 * take no targets ({@code hinge}, {@code wgan}) are unaffected.
 */
public record SwappedLabelSmoothing() implements LabelSmoothingSpec, DjlLabelSmoothingSpec {
  public static final String TYPE = "swap";

  @Override
  public LabelSmoothing create(RunServices run) {
    return new LabelSmoothing() {
      @Override
      public Targets discriminatorTargets(NDManager m, long n, long step) {
        return swapped(m, n);
      }

      @Override
      public Targets generatorTargets(NDManager m, long n, long step) {
        return swapped(m, n);
      }
    };
  }

  private static Targets swapped(NDManager m, long n) {
    return new Targets(m.zeros(new Shape(n, 1)), m.ones(new Shape(n, 1)));
  }
}
