package dev.gantrack.djl.nn;

import ai.djl.ndarray.NDArray;

/**
 * How {@link ConvTranspose2d} computes PyTorch's {@code conv_transpose2d(x, weight, bias, stride,
 * padding, output_padding)} (square kernel, no dilation, no groups): libtorch's own kernel in a run
 * (the engine's {@code PtTensorKernels}), or {@link #POLYPHASE}, built from ops DJL exposes.
 */
@FunctionalInterface
public interface TransposedConvolution {
  /** The polyphase decomposition ({@link PolyphaseConvTranspose}): exact, DJL ops only; the test oracle. */
  TransposedConvolution POLYPHASE = PolyphaseConvTranspose::apply;

  /**
   * @param x {@code (N, Cin, H, W)}
   * @param weight {@code (Cin, Cout, k, k)}
   * @param bias {@code (Cout)} or null
   * @return {@code (N, Cout, (H-1)s - 2p + k + op, (W-1)s - 2p + k + op)}, differentiable
   */
  NDArray apply(NDArray x, NDArray weight, NDArray bias, int stride, int padding, int outputPadding);
}
