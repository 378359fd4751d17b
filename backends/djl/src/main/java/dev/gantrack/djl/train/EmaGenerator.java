package dev.gantrack.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.gantrack.djl.spi.WeightTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * G's exponential moving average copy: after every G update each of its parameters becomes {@code
 * decay·ema + (1 − decay)·w}, where {@code w} is the weight G uses (after its transform, e.g. W/σ(W)
 * with spectral norm on G; the copy has no transform of its own). Parameters G does not train
 * (BatchNorm's running statistics) are copied as they are.
 */
final class EmaGenerator {
  private final Block copy;
  private final float decay;
  private final List<NDArray> targets = new ArrayList<>();
  private final List<NDArray> sources = new ArrayList<>();
  private final List<Boolean> trained = new ArrayList<>();
  private final List<WeightTransform> transforms = new ArrayList<>();

  /** Pairs {@code copy}'s parameters with {@code generator}'s, in order, and starts the copy equal to G. */
  EmaGenerator(Block generator, Block copy, float decay, TransformingParameterStore store) {
    this.copy = copy;
    this.decay = decay;
    List<Parameter> from = new ArrayList<>(generator.getParameters().values());
    List<Parameter> to = new ArrayList<>(copy.getParameters().values());
    for (int i = 0; i < from.size(); i++) {
      NDArray target = to.get(i).getArray();
      target.setRequiresGradient(false);
      targets.add(target);
      sources.add(from.get(i).getArray());
      trained.add(from.get(i).requiresGradient());
      transforms.add(store.transformOf(from.get(i)));
    }
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (int i = 0; i < targets.size(); i++) {
        targets.get(i).muli(0).addi(used(i));
      }
    }
  }

  /** The copy. */
  Block block() {
    return copy;
  }

  /** One EMA step; runs inside the training step's scope. */
  void update() {
    for (int i = 0; i < targets.size(); i++) {
      NDArray target = targets.get(i);
      if (trained.get(i)) {
        target.muli(decay).addi(used(i).mul(1f - decay));
      } else {
        target.muli(0).addi(used(i));
      }
    }
  }

  private NDArray used(int i) {
    WeightTransform t = transforms.get(i);
    return t == null ? sources.get(i) : t.apply(sources.get(i), false);
  }
}
