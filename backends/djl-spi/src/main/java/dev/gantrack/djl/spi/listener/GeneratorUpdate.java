package dev.gantrack.djl.spi.listener;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.gantrack.api.PublicApi;

/**
 * The step's G update, after its backward pass and before the optimizer applies it.
 *
 * @param step the step (1-based)
 * @param loss G's loss, a device scalar of the step
 * @param generator G, whose parameters' gradients hold this update's values
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public record GeneratorUpdate(long step, NDArray loss, Block generator) {}
