package dev.gantrack.djl.spi;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.PublicApi;

/**
 * Replaces a layer's weight by a function of it on every forward pass (spectral norm is one). Runs
 * inside the step's scope: state that must outlive the step (a power-iteration vector) is updated
 * in place, never replaced. A transform with such state implements {@link
 * dev.gantrack.djl.spi.state.RunState}, and is then saved in checkpoints as {@code
 * spectral-norm.<generator|discriminator>.<parameter name>}.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface WeightTransform {
  /** The weight the layer uses; {@code training} is false when sampling (no state update then). */
  NDArray apply(NDArray weight, boolean training);
}
