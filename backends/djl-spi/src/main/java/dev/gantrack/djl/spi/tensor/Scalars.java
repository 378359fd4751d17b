package dev.gantrack.djl.spi.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.gantrack.api.PublicApi;

/**
 * Numbers as arrays of the step, for arithmetic that gradients flow through: write {@code
 * x.mul(Scalars.of(x, 0.5))}, never {@code x.mul(0.5f)}. On DJL's PyTorch engine (0.35, CPU) {@code
 * mul}, {@code div} and {@code pow} with a Java number turn it into a tensor over a Java buffer and
 * close that at once, yet the backward pass reads it again: once the garbage collector has reclaimed
 * the buffer, the gradient is garbage (a NaN run now and then). An array made here belongs to {@code
 * like}'s manager, the step's, and lives until the step ends. ({@code add} and {@code sub} with a
 * number are safe: their backward pass does not read it.) The array is filled on {@code like}'s
 * device: no copy from the host (on a GPU such a copy would wait for all queued work).
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public final class Scalars {
  private Scalars() {}

  /** {@code value} as a 0-dimensional array of {@code like}'s data type, in {@code like}'s manager. */
  public static NDArray of(NDArray like, double value) {
    return like.getManager().full(new Shape(), (float) value, like.getDataType());
  }
}
