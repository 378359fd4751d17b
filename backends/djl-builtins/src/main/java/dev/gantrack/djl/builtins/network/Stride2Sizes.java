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

  /**
   * The sizes of {@code layers} stride-2 layers on an image side of {@code size}, from the smallest to
   * the largest: the generator's layers go up through them, the discriminator's down. The last is
   * {@code size} itself unless an even kernel cannot halve it exactly {@code layers} times.
   */
  static int[] sizes(int size, int layers, int kernel) {
    int[] sizes = new int[layers + 1];
    sizes[layers] = size;
    for (int i = layers - 1; i >= 0; i--) {
      sizes[i] = roundsUp(kernel) ? (sizes[i + 1] + 1) / 2 : sizes[i + 1] / 2;
    }
    if (!roundsUp(kernel)) {
      for (int i = 1; i <= layers; i++) {
        sizes[i] = 2 * sizes[i - 1];
      }
    }
    return sizes;
  }

  /** The output padding that takes a transposed convolution from {@code in} to {@code out} (0 or 1). */
  static int outputPadding(int in, int out, int kernel) {
    return out - (2 * (in - 1) - 2 * padding(kernel) + kernel);
  }
}
