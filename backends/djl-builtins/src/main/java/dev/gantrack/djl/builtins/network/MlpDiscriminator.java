package dev.gantrack.djl.builtins.network;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.spec.DiscriminatorSpec;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.NetworkContext;
import dev.gantrack.djl.spi.layers.Layers;

/**
 * Discriminator {@code mlp}: the flattened sample through fully connected layers to one logit. With
 * {@code pack: m} it judges m consecutive samples concatenated (one logit per pack); with {@code
 * minibatch-std: true} the minibatch standard deviation is appended to the features before the last
 * linear layer.
 */
public record MlpDiscriminator(
    @JsonProperty("hidden") @JsonPropertyDescription("units per hidden layer") Integer hidden,
    @JsonProperty("layers") @JsonPropertyDescription("hidden layers") Integer layers,
    @JsonProperty("norm") @JsonPropertyDescription("batch | layer | none") String norm,
    @JsonProperty("activation") @JsonPropertyDescription("relu | leaky-relu") String activation,
    @JsonProperty("slope") @JsonPropertyDescription("negative slope of leaky-relu") Double slope,
    @JsonProperty("conditional") @JsonPropertyDescription("feed the class label to D") Boolean isConditional,
    @JsonProperty("pack") @JsonPropertyDescription("PacGAN: samples D judges together (1 = off); divides batch-size") Integer packSize,
    @JsonProperty("minibatch-std") @JsonPropertyDescription("ProGAN's minibatch standard deviation as one extra feature before the last layer") Boolean minibatchStd,
    @JsonProperty("minibatch-std-group") @JsonPropertyDescription("samples per minibatch-std group (must divide batch-size / pack); 0 = D's whole batch") Integer minibatchStdGroup)
    implements DiscriminatorSpec, DjlNetworkSpec {
  public static final String TYPE = "mlp";

  @JsonCreator
  public MlpDiscriminator {
    hidden = Checks.range("hidden", hidden, 256, 1, 65_536);
    layers = Checks.range("layers", layers, 2, 0, 64);
    norm = Checks.oneOf("norm", norm, "none", Layers.NORMS);
    activation = Checks.oneOf("activation", activation, "leaky-relu", Layers.ACTIVATIONS);
    slope = Checks.range("slope", slope, 0.2, 0.0, 1.0);
    isConditional = isConditional != null && isConditional;
    packSize = Layers.pack(packSize, isConditional);
    minibatchStd = minibatchStd != null && minibatchStd;
    minibatchStdGroup = Checks.range("minibatch-std-group", minibatchStdGroup, 0, 0, 65_536);
  }

  /** The options before packing and minibatch-std existed: neither is used. */
  public MlpDiscriminator(Integer hidden, Integer layers, String norm, String activation, Double slope, Boolean isConditional) {
    this(hidden, layers, norm, activation, slope, isConditional, null, null, null);
  }

  @Override
  public int pack() {
    return packSize;
  }

  @Override
  public boolean conditional() {
    return isConditional;
  }

  @Override
  public int minimumBatch() {
    return Layers.minimumBatch(norm);
  }

  @Override
  public Block build(NetworkContext ctx) {
    SequentialBlock net = new SequentialBlock();
    net.add(Layers.flatten());
    if (packSize > 1) {
      net.add(Layers.pack(packSize));
    }
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
    if (minibatchStd) {
      net.add(Layers.minibatchStd(minibatchStdGroup));
    }
    net.add(ctx.layers().linear(1, true));
    return net;
  }
}
