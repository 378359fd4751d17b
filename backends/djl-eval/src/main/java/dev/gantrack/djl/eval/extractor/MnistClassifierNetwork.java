package dev.gantrack.djl.eval.extractor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The small CNN of the {@code mnist-classifier} extractor, for one 28×28 grey digit in [-1, 1]: three
 * stages of 3×3 convolution (16, 32, 64 filters, padding 1), ReLU and 2×2 max pooling (28 → 14 → 7 →
 * 3), then a 128-unit ReLU layer (the features), dropout 0.3 while training, and 10 logits.
 * About 98,000 weights (390 KB).
 */
public final class MnistClassifierNetwork {
  /** One input example's shape, with the batch axis. */
  public static final Shape INPUT = new Shape(1, 1, 28, 28);
  /** Length of the feature vector. */
  public static final int FEATURES = 128;
  /** Digits. */
  public static final int CLASSES = 10;

  /** Index in the block's children after which each tapped activation is taken (the three pools, the features). */
  private static final int[] TAPS = {2, 5, 8, 11};

  private MnistClassifierNetwork() {}

  /** A new, uninitialised network. */
  public static SequentialBlock build() {
    SequentialBlock net = new SequentialBlock();
    for (int filters : new int[] {16, 32, 64}) {
      net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build());
      net.add(Activation.reluBlock());
      net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
    net.add(Blocks.batchFlattenBlock());
    net.add(Linear.builder().setUnits(FEATURES).build());
    net.add(Activation.reluBlock());
    net.add(Dropout.builder().optRate(0.3f).build());
    net.add(Linear.builder().setUnits(CLASSES).build());
    return net;
  }

  /**
   * Inference pass of {@code net} on {@code x} (N, 1, 28, 28): the activations after each pooling
   * stage and the features (shallow to deep), then the logits last.
   */
  public static List<NDArray> taps(SequentialBlock net, ParameterStore parameters, NDArray x) {
    List<Block> children = net.getChildren().values();
    List<NDArray> out = new ArrayList<>();
    NDList current = new NDList(x);
    int next = 0;
    for (int i = 0; i < children.size(); i++) {
      current = children.get(i).forward(parameters, current, false);
      if (next < TAPS.length && i == TAPS[next]) {
        out.add(current.singletonOrThrow());
        next++;
      }
    }
    out.add(current.singletonOrThrow());
    return out;
  }
}
