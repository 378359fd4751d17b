package dev.gantrack.djl.plugins;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import java.util.List;

/** Shared pieces of the built-in networks: normalisation, activations, class conditioning. */
final class Layers {
  static final List<String> NORMS = List.of("batch", "layer", "none");
  static final List<String> ACTIVATIONS = List.of("relu", "leaky-relu");

  private Layers() {}

  /** A normalisation block, or null for {@code none}. {@code channelAxes} are normalised by layer norm. */
  static Block norm(String norm, int... channelAxes) {
    return switch (norm) {
      case "batch" -> BatchNorm.builder().build();
      case "layer" -> LayerNorm.builder().axis(channelAxes).build();
      default -> null;
    };
  }

  static Block activation(String activation, double slope) {
    return "leaky-relu".equals(activation)
        ? new LambdaBlock(list -> new NDList(Activation.leakyRelu(list.singletonOrThrow(), (float) slope)), "LeakyReLU")
        : new LambdaBlock(list -> new NDList(Activation.relu(list.singletonOrThrow())), "ReLU");
  }

  static Block tanh() {
    return new LambdaBlock(list -> new NDList(Activation.tanh(list.singletonOrThrow())), "Tanh");
  }

  /** Flattens the first input to (N, features); further inputs (labels) pass through. */
  static Block flatten() {
    return new LambdaBlock(list -> {
      NDList out = new NDList(list.size());
      out.add(list.get(0).reshape(list.get(0).getShape().get(0), -1));
      for (int i = 1; i < list.size(); i++) {
        out.add(list.get(i));
      }
      return out;
    }, "Flatten");
  }

  static Block reshape(long... perExample) {
    return new LambdaBlock(list -> {
      NDArray x = list.singletonOrThrow();
      long[] s = new long[perExample.length + 1];
      s[0] = x.getShape().get(0);
      System.arraycopy(perExample, 0, s, 1, perExample.length);
      return new NDList(x.reshape(new Shape(s)));
    }, "Reshape");
  }

  /** (x, labels) → x with one-hot labels appended: as features for flat x, as constant channels for images. */
  static Block appendLabels(int numClasses) {
    return new LambdaBlock(list -> {
      NDArray x = list.get(0);
      NDArray oneHot = list.get(1).toType(DataType.INT64, false).oneHot(numClasses).toType(x.getDataType(), false);
      Shape s = x.getShape();
      if (s.dimension() == 2) {
        return new NDList(x.concat(oneHot, 1));
      }
      NDArray planes = oneHot.reshape(s.get(0), numClasses, 1, 1).broadcast(new Shape(s.get(0), numClasses, s.get(2), s.get(3)));
      return new NDList(x.concat(planes, 1));
    }, "AppendLabels");
  }
}
