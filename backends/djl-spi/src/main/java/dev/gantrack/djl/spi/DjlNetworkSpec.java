package dev.gantrack.djl.spi;

import ai.djl.nn.Block;
import dev.gantrack.api.PublicApi;

/**
 * A generator or discriminator spec that builds a DJL {@link Block}.
 *
 * <p>A generator block takes {@code (z)} or, when conditional, {@code (z, labels)} with z of shape
 * (N, latentDim) and labels (N) as int64, and returns (N, ...dataShape) in [-1, 1] (or unbounded
 * for point data). A discriminator block takes {@code (x)} or {@code (x, labels)} and returns one
 * logit per example, shape (N, 1) — or, when the spec's {@code pack()} is m > 1, one logit per pack
 * of m consecutive examples, shape (N/m, 1) (the trainer sizes D's targets by the logits). Linear
 * and convolution layers should come from {@link NetworkContext#layers()} so that spectral
 * normalisation can reach them; the public blocks of {@link dev.gantrack.djl.spi.layers.Layers}
 * (norms, activations, labels, packing, minibatch std) are there to build with.
 *
 * <p>{@link #build} is called when the run is assembled: once for the network, once more for G's
 * EMA copy when {@code training.ema} is set, and for a scratch copy when a checkpoint is restored.
 * The backend initialises the block and owns its parameters.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlNetworkSpec {
  /** Builds the (uninitialised) network; the same context gives the same architecture every time. */
  Block build(NetworkContext context);

  /**
   * The fewest examples (for a packed discriminator: packs) one training forward pass can take: 2
   * when the network normalises over the batch (batch normalisation has no statistics for one
   * example), 1 otherwise. Validation rejects a smaller {@code training.batch-size} before training.
   */
  default int minimumBatch() {
    return 1;
  }
}
