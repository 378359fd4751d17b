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
 * Discriminator {@code mlp}: the flattened sample through fully connected layers to one logit
 * ({@code activation: maxout} makes them PacGAN's LinearMaxout layers). With
 * {@code pack: m} it judges m consecutive samples concatenated (one logit per pack); with {@code
 * minibatch-std: true} the minibatch standard deviation is appended to the features before the last
 * linear layer.
 */
public record MlpDiscriminator(
    @JsonProperty("hidden") @JsonPropertyDescription("units per hidden layer") Integer hidden,
    @JsonProperty("layers") @JsonPropertyDescription("hidden layers") Integer layers,
    @JsonProperty("norm") @JsonPropertyDescription("batch | layer | none") String norm,
    @JsonProperty("activation") @JsonPropertyDescription("relu | leaky-relu | maxout (PacGAN's D)") String activation,
    @JsonProperty("slope") @JsonPropertyDescription("negative slope of leaky-relu") Double slope,
    @JsonProperty("conditional") @JsonPropertyDescription("feed the class label to D") Boolean isConditional,
    @JsonProperty("pack") @JsonPropertyDescription("PacGAN: samples D judges together (1 = off); D gets batch-size / pack packs, so PacGAN-m's 100 packs need batch-size 100·m") Integer packSize,
    @JsonProperty("minibatch-std") @JsonPropertyDescription("ProGAN's minibatch standard deviation as one extra feature before the last layer") Boolean minibatchStd,
    @JsonProperty("minibatch-std-group") @JsonPropertyDescription("samples per minibatch-std group (must divide batch-size / pack); 0 = D's whole batch") Integer minibatchStdGroup,
    @JsonProperty("pieces") @JsonPropertyDescription("maxout: linear pieces per unit (default 5, PacGAN's)") Integer pieces,
    @JsonProperty("init-std") @JsonPropertyDescription("weights start from N(0, std^2), biases at 0 (PacGAN, DCGAN: 0.02); 0 = DJL's He init") Double initStd)
    implements DiscriminatorSpec, DjlNetworkSpec {
  public static final String TYPE = "mlp";

  @JsonCreator
  public MlpDiscriminator {
    hidden = Checks.range("hidden", hidden, 256, 1, 65_536);
    layers = Checks.range("layers", layers, 2, 0, 64);
    norm = Checks.oneOf("norm", norm, "none", Layers.NORMS);
    activation = Checks.oneOf("activation", activation, "leaky-relu", Layers.DENSE_ACTIVATIONS);
    slope = Checks.range("slope", slope, 0.2, 0.0, 1.0);
    isConditional = isConditional != null && isConditional;
    packSize = Layers.pack(packSize, isConditional);
    minibatchStd = minibatchStd != null && minibatchStd;
    minibatchStdGroup = Checks.range("minibatch-std-group", minibatchStdGroup, 0, 0, 65_536);
    pieces = Layers.pieces(pieces, activation);
    initStd = Layers.initStd(initStd);
  }

  /** The options before maxout and init-std existed. */
  public MlpDiscriminator(Integer hidden, Integer layers, String norm, String activation, Double slope,
      Boolean isConditional, Integer packSize, Boolean minibatchStd, Integer minibatchStdGroup) {
    this(hidden, layers, norm, activation, slope, isConditional, packSize, minibatchStd, minibatchStdGroup, null, null);
  }

  /** The options before packing and minibatch-std existed: neither is used. */
  public MlpDiscriminator(Integer hidden, Integer layers, String norm, String activation, Double slope, Boolean isConditional) {
    this(hidden, layers, norm, activation, slope, isConditional, null, null, null, null, null);
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
      Layers.hidden(net, ctx.layers(), hidden, true, norm, activation, slope, pieces);
    }
    if (minibatchStd) {
      net.add(Layers.minibatchStd(minibatchStdGroup));
    }
    net.add(ctx.layers().linear(1, true));
    Layers.initWeights(net, initStd);
    return net;
  }
}
