package dev.gantrack.djl.spi;

import ai.djl.nn.Block;
import dev.gantrack.api.PublicApi;

/**
 * Makes the weight layers of a network, so that the run (not the network plugin) decides whether a
 * layer is spectrally normalised. Networks call these instead of building DJL's layers directly.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface LayerFactory {
  /** A fully connected layer with {@code units} outputs. */
  Block linear(long units, boolean bias);

  /** A 2D convolution (PyTorch semantics). */
  Block conv2d(long filters, int kernel, int stride, int padding, boolean bias);

  /** A 2D transposed convolution (PyTorch ConvTranspose2d semantics). */
  Block convTranspose2d(long filters, int kernel, int stride, int padding, boolean bias);

  /**
   * A 2D transposed convolution with {@code outputPadding} (0 ≤ it &lt; stride) more rows and columns at
   * the bottom and right (PyTorch's {@code output_padding}): of the output sizes one input size allows
   * at a stride, it picks the larger ones. A factory without it accepts only 0.
   */
  default Block convTranspose2d(long filters, int kernel, int stride, int padding, int outputPadding, boolean bias) {
    if (outputPadding != 0) {
      throw new UnsupportedOperationException(getClass().getName() + " has no output padding");
    }
    return convTranspose2d(filters, kernel, stride, padding, bias);
  }
}
