package dev.gantrack.djl.builtins.spectral;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.Role;
import dev.gantrack.api.spec.SpectralNormSpec;
import dev.gantrack.djl.spi.DjlSpectralNormSpec;
import dev.gantrack.djl.spi.NetworkContext;
import dev.gantrack.djl.spi.WeightTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * Spectral norm {@code power-iteration} (Miyato et al. 2018, as PyTorch's {@code spectral_norm}):
 * each selected weight W is replaced by W / σ(W), σ estimated by power iteration with a persistent
 * vector u. Conv weights are viewed as matrices (out, in·k·k); conv-transpose weights, stored (in,
 * out, k, k), as (out, in·k·k) (PyTorch's dim=1). {@code iterations} power-iteration rounds run on
 * every forward pass of a layer in training mode (as in PyTorch, where each forward call of a
 * training module advances u); sampling reuses u unchanged. Applies to D always and to G when
 * {@code generator: true}.
 */
public record PowerIterationSpectralNorm(
    @JsonProperty("iterations") @JsonPropertyDescription("power-iteration rounds per training forward pass") Integer iterations,
    @JsonProperty("layers") @JsonPropertyDescription("layer kinds normalised: linear, conv, conv-transpose") List<String> layers,
    @JsonProperty("generator") @JsonPropertyDescription("also normalise G's layers") Boolean generator,
    @JsonProperty("epsilon") @JsonPropertyDescription("added to norms when normalising u and v") Double epsilon)
    implements SpectralNormSpec, DjlSpectralNormSpec {
  public static final String TYPE = "power-iteration";

  /** The layer kinds a {@link dev.gantrack.djl.spi.LayerFactory} makes. */
  public static final List<String> LAYER_KINDS = List.of("linear", "conv", "conv-transpose");

  public PowerIterationSpectralNorm {
    iterations = Checks.range("iterations", iterations, 1, 1, 1000);
    if (layers == null) {
      layers = LAYER_KINDS;
    } else {
      List<String> checked = new ArrayList<>();
      for (String kind : layers) {
        checked.add(Checks.oneOf("layers", kind, null, LAYER_KINDS));
      }
      if (checked.isEmpty()) {
        throw new InvalidOptionException("layers", "empty; name at least one of " + String.join(", ", LAYER_KINDS));
      }
      layers = List.copyOf(checked);
    }
    generator = generator != null && generator;
    epsilon = Checks.range("epsilon", epsilon, 1e-12, 0.0, 1e-3);
  }

  @Override
  public boolean appliesTo(NetworkContext.Role role, String layerKind) {
    return (role == NetworkContext.Role.DISCRIMINATOR || generator) && layers.contains(layerKind);
  }

  @Override
  public WeightTransform create(Parameter weight, String layerKind) {
    return new SpectralNormTransform(weight.getArray(), "conv-transpose".equals(layerKind) ? 1 : 0, iterations, epsilon);
  }
}
