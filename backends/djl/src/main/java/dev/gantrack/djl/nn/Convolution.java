package dev.gantrack.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * How {@link Conv2d} computes PyTorch's {@code conv2d(x, weight, bias, stride, padding)} (square
 * stride and padding, no dilation, no groups): in a run, the kernel the engine's {@code PtTensorKernels}
 * picks for the shape; {@link #DJL}, DJL's own, by default.
 */
@FunctionalInterface
public interface Convolution {
  /** DJL's convolution (libtorch's {@code convolution}, which picks oneDNN on the CPU). */
  Convolution DJL = (x, weight, bias, stride, padding) -> ai.djl.nn.convolutional.Conv2d.conv2d(x, weight, bias,
      new Shape(stride, stride), new Shape(padding, padding)).singletonOrThrow();

  /**
   * @param x {@code (N, Cin, H, W)}
   * @param weight {@code (Cout, Cin, kh, kw)}
   * @param bias {@code (Cout)} or null
   * @return {@code (N, Cout, (H + 2p - kh) / s + 1, (W + 2p - kw) / s + 1)}, differentiable
   */
  NDArray apply(NDArray x, NDArray weight, NDArray bias, int stride, int padding);
}
