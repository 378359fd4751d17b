package dev.gantrack.djl.plugins;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.spec.DiscriminatorSpec;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.NetworkContext;

/** Discriminator {@code mlp}: the flattened sample through fully connected layers to one logit. */
public record MlpDiscriminator(
    @JsonProperty("hidden") @JsonPropertyDescription("units per hidden layer") Integer hidden,
    @JsonProperty("layers") @JsonPropertyDescription("hidden layers") Integer layers,
    @JsonProperty("norm") @JsonPropertyDescription("batch | layer | none") String norm,
    @JsonProperty("activation") @JsonPropertyDescription("relu | leaky-relu") String activation,
    @JsonProperty("slope") @JsonPropertyDescription("negative slope of leaky-relu") Double slope,
    @JsonProperty("conditional") @JsonPropertyDescription("feed the class label to D") Boolean isConditional)
    implements DiscriminatorSpec, DjlNetworkSpec {
  public static final String TYPE = "mlp";

  public MlpDiscriminator {
    hidden = Checks.range("hidden", hidden, 256, 1, 65_536);
    layers = Checks.range("layers", layers, 2, 0, 64);
    norm = Checks.oneOf("norm", norm, "none", Layers.NORMS);
    activation = Checks.oneOf("activation", activation, "leaky-relu", Layers.ACTIVATIONS);
    slope = Checks.range("slope", slope, 0.2, 0.0, 1.0);
    isConditional = isConditional != null && isConditional;
  }

  @Override
  public boolean conditional() {
    return isConditional;
  }

  @Override
  public Block build(NetworkContext ctx) {
    SequentialBlock net = new SequentialBlock();
    net.add(Layers.flatten());
    if (ctx.numClasses() > 0) {
      net.add(Layers.appendLabels(ctx.numClasses()));
    }
    for (int i = 0; i < layers; i++) {
      net.add(ctx.layers().linear(hidden, true));
      Block n = Layers.norm(norm, 1);
      if (n != null) {
        net.add(n);
      }
      net.add(Layers.activation(activation, slope));
    }
    net.add(ctx.layers().linear(1, true));
    return net;
  }
}
