package dev.gantrack.djl.builtins.network;

/**
 * The image sizes of the dcgan networks' stride-2 layers for a kernel size. Every layer pads by
 * (kernel − 1) / 2 on each side. An even kernel (4, the default) halves a size exactly, so the image
 * size must be divisible by 2^layers. An odd kernel (DCGAN-tensorflow's 5) halves it rounding up, as
 * TensorFlow's {@code SAME} padding does (28 → 14 → 7 → 4 → 2), and a transposed convolution's output
 * padding (0 or 1) brings each size back up.
 */
final class Stride2Sizes {
  private Stride2Sizes() {}

  static boolean roundsUp(int kernel) {
    return kernel % 2 == 1;
  }

  static int padding(int kernel) {
    return (kernel - 1) / 2;
  }

  /** The size after {@code layers} halvings of {@code size}. */
  static int smallest(int size, int layers, int kernel) {
    int s = size;
    for (int i = 0; i < layers; i++) {
      s = roundsUp(kernel) ? (s + 1) / 2 : s / 2;
    }
    return s;
  }

  /** The size the generator's layers reach from {@code smallest(size, layers, kernel)}: size itself when they can. */
  static int reached(int size, int layers, int kernel) {
    return roundsUp(kernel) ? size : smallest(size, layers, kernel) << layers;
  }

  /** The output padding that takes a transposed convolution from {@code in} to {@code out} (0 or 1). */
  static int outputPadding(int in, int out, int kernel) {
    return out - (2 * (in - 1) - 2 * padding(kernel) + kernel);
  }
}
