package dev.gantrack.djl.eval.maths;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * An LPIPS-style distance (Zhang et al. 2018) in a feature extractor's layers: each layer's
 * activations are scaled to unit length along the channel axis, the squared difference is summed
 * over channels and averaged over positions, and the layers are averaged. LPIPS weights each
 * channel with weights learned on human judgements, which cannot be shipped here; this is its
 * uniform-weight baseline form on the extractor's own layers, so values are comparable only between
 * runs with the same extractor and weights. Each layer contributes at most 4.
 */
public final class PerceptualDistance {
  private static final double EPS = 1e-10;

  private PerceptualDistance() {}

  /** Per-pair distances (N) between the activations {@code a} and {@code b} of N pairs, layer by layer. */
  public static NDArray perPair(List<NDArray> a, List<NDArray> b) {
    NDArray total = null;
    for (int l = 0; l < a.size(); l++) {
      NDArray diff = unit(a.get(l)).sub(unit(b.get(l))).square().sum(new int[] {1});
      NDArray layer = diff.getShape().dimension() > 1 ? diff.reshape(diff.getShape().get(0), -1).mean(new int[] {1}) : diff;
      total = total == null ? layer : total.add(layer);
    }
    return total.div(a.size());
  }

  private static NDArray unit(NDArray x) {
    return x.div(x.square().sum(new int[] {1}, true).sqrt().add(EPS));
  }
}
