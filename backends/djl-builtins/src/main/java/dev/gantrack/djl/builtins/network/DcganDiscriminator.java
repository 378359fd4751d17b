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
 * Discriminator {@code dcgan}: {@code downsamples} convolutions (stride 2, padding (kernel − 1) / 2)
 * that halve the size (an odd kernel rounding up) and double the channels, LeakyReLU between (no
 * normalisation after the first, as in the paper), then a linear layer to one logit. A conditional D sees the label as extra
 * constant input channels. With {@code pack: m} it judges m consecutive samples stacked along
 * channels (one logit per pack); with {@code minibatch-std: true} the minibatch standard deviation
 * is appended as one constant channel before the final linear layer.
 */
public record DcganDiscriminator(
    @JsonProperty("base-channels") @JsonPropertyDescription("channels of the first convolution; doubled by each further one") Integer baseChannels,
    @JsonProperty("downsamples") @JsonPropertyDescription("stride-2 convolutions") Integer downsamples,
    @JsonProperty("norm") @JsonPropertyDescription("batch | layer | none") String norm,
    @JsonProperty("activation") @JsonPropertyDescription("relu | leaky-relu") String activation,
    @JsonProperty("slope") @JsonPropertyDescription("negative slope of leaky-relu") Double slope,
    @JsonProperty("conditional") @JsonPropertyDescription("feed the class label to D") Boolean isConditional,
    @JsonProperty("pack") @JsonPropertyDescription("PacGAN: samples D judges together (1 = off); divides batch-size") Integer packSize,
    @JsonProperty("minibatch-std") @JsonPropertyDescription("ProGAN's minibatch standard deviation as one extra feature before the last layer") Boolean minibatchStd,
    @JsonProperty("minibatch-std-group") @JsonPropertyDescription("samples per minibatch-std group (must divide batch-size / pack); 0 = D's whole batch") Integer minibatchStdGroup,
    @JsonProperty("init-std") @JsonPropertyDescription("weights start from N(0, std^2), biases at 0 (DCGAN: 0.02); 0 = DJL's He init") Double initStd,
    @JsonProperty("kernel") @JsonPropertyDescription("kernel size of the convolutions: 4 halves sizes; odd (DCGAN-tensorflow's 5) halves them rounding up") Integer kernel)
    implements DiscriminatorSpec, DjlNetworkSpec {
  public static final String TYPE = "dcgan";

  @JsonCreator
  public DcganDiscriminator {
    baseChannels = Checks.range("base-channels", baseChannels, 64, 1, 8192);
    downsamples = Checks.range("downsamples", downsamples, 2, 1, 8);
    norm = Checks.oneOf("norm", norm, "batch", Layers.NORMS);
    activation = Checks.oneOf("activation", activation, "leaky-relu", Layers.ACTIVATIONS);
    slope = Checks.range("slope", slope, 0.2, 0.0, 1.0);
    isConditional = isConditional != null && isConditional;
    packSize = Layers.pack(packSize, isConditional);
    minibatchStd = minibatchStd != null && minibatchStd;
    minibatchStdGroup = Checks.range("minibatch-std-group", minibatchStdGroup, 0, 0, 65_536);
    initStd = Layers.initStd(initStd);
    kernel = Checks.range("kernel", kernel, 4, 2, 9);
  }

  /** The options before kernel existed: kernel 4. */
  public DcganDiscriminator(Integer baseChannels, Integer downsamples, String norm, String activation, Double slope,
      Boolean isConditional, Integer packSize, Boolean minibatchStd, Integer minibatchStdGroup, Double initStd) {
    this(baseChannels, downsamples, norm, activation, slope, isConditional, packSize, minibatchStd, minibatchStdGroup,
        initStd, null);
  }

  /** The options before init-std existed: DJL's init. */
  public DcganDiscriminator(Integer baseChannels, Integer downsamples, String norm, String activation, Double slope,
      Boolean isConditional, Integer packSize, Boolean minibatchStd, Integer minibatchStdGroup) {
    this(baseChannels, downsamples, norm, activation, slope, isConditional, packSize, minibatchStd, minibatchStdGroup,
        null, null);
  }

  /** The options before packing and minibatch-std existed: neither is used. */
  public DcganDiscriminator(Integer baseChannels, Integer downsamples, String norm, String activation, Double slope, Boolean isConditional) {
    this(baseChannels, downsamples, norm, activation, slope, isConditional, null, null, null, null, null);
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
  public int[] inputShape(int[] data) {
    if (data.length != 3 || Stride2Sizes.sizes(data[1], downsamples, kernel)[0] < 1
        || Stride2Sizes.sizes(data[2], downsamples, kernel)[0] < 1) {
      return new int[] {0, 0, 0};
    }
    return data.clone();
  }

  @Override
  public int minimumBatch() {
    return Layers.minimumBatch(norm);
  }

  @Override
  public Block build(NetworkContext ctx) {
    SequentialBlock net = new SequentialBlock();
    if (packSize > 1) {
      net.add(Layers.pack(packSize));
    }
    if (ctx.numClasses() > 0) {
      net.add(Layers.appendLabels(ctx.numClasses()));
    }
    long channels = baseChannels;
    for (int i = 0; i < downsamples; i++) {
      net.add(ctx.layers().conv2d(channels, kernel, 2, Stride2Sizes.padding(kernel), true));
      if (i > 0) {
        Block n = Layers.norm(norm, 1, 2, 3);
        if (n != null) {
          net.add(n);
        }
      }
      net.add(Layers.activation(activation, slope));
      channels *= 2;
    }
    if (minibatchStd) {
      net.add(Layers.minibatchStd(minibatchStdGroup));
    }
    net.add(Layers.flatten());
    net.add(ctx.layers().linear(1, true));
    Layers.initWeights(net, initStd);
    return net;
  }
}
