package dev.gantrack.djl.spi;

import ai.djl.nn.Parameter;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.Role;

/**
 * A spectral-norm spec the DJL backend can use (role {@code spectral-norm}): it decides which weight
 * layers are normalised and makes one transform per weight (each with its own persistent state),
 * once, when the run is assembled and the networks are initialised.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlSpectralNormSpec {
  /** Whether a layer of {@code layerKind} (linear, conv, conv-transpose) of {@code role} is normalised. */
  boolean appliesTo(NetworkContext.Role role, String layerKind);

  /** The transform of one initialised weight; its state is allocated here, in the weight's manager. */
  WeightTransform create(Parameter weight, String layerKind);
}
