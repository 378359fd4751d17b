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
}
