package dev.gantrack.djl.spi.listener;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.gantrack.api.PublicApi;

/**
 * One D update, after its backward pass and before the optimizer applies it.
 *
 * @param step the step it belongs to (1-based)
 * @param index which of the step's D updates it is, 1 to {@code count}
 * @param count the D updates per step (k, {@code ttur.d-steps})
 * @param loss D's total loss of this update (loss plus penalties), a device scalar of the step
 * @param discriminator D, whose parameters' gradients hold this update's values
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public record DiscriminatorUpdate(long step, int index, int count, NDArray loss, Block discriminator) {
  /** True for the step's last D update. */
  public boolean last() {
    return index == count;
  }
}
