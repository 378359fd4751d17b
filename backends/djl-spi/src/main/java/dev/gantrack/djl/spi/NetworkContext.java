package dev.gantrack.djl.spi;

import dev.gantrack.api.PublicApi;
import dev.gantrack.api.Role;

/**
 * What a network builder needs to know about the run.
 *
 * @param role which network is built
 * @param dataShape one real example's shape (channels, height, width, or a flat vector)
 * @param numClasses classes fed to a conditional network; 0 when unconditional
 * @param latentDim length of G's latent vector
 * @param layers decides per layer whether its weight is transformed (spectral norm)
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public record NetworkContext(
    Role role, int[] dataShape, int numClasses, int latentDim, LayerFactory layers) {
  /** Generator or discriminator. */
  public enum Role {
    GENERATOR,
    DISCRIMINATOR
  }

  @Override
  public int[] dataShape() {
    return dataShape.clone();
  }
}
