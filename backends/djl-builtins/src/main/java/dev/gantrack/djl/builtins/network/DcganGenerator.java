package dev.gantrack.djl.builtins.network;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.spec.GeneratorSpec;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.NetworkContext;
import dev.gantrack.djl.spi.layers.Layers;

/**
 * Generator {@code dcgan} (Radford et al. 2016): a linear layer to {@code base-channels}×s×s, then
 * {@code upsamples} transposed convolutions (stride 2, padding (kernel − 1) / 2) that double the size
 * and halve the channels, normalisation and ReLU between, tanh at the end. With the default kernel 4,
 * s is the image size divided by 2^upsamples, so the image size must be divisible by it; with an odd
 * kernel (DCGAN-tensorflow's 5) s is the image size halved upsamples times rounding up, and the layers
 * reach any square size (28: 2 → 4 → 7 → 14 → 28) through their output padding.
 */
public record DcganGenerator(
    @JsonProperty("latent-dim") @JsonPropertyDescription("length of the latent vector z") Integer latentDimension,
    @JsonProperty("base-channels") @JsonPropertyDescription("channels after the first layer; halved by each upsampling") Integer baseChannels,
    @JsonProperty("upsamples") @JsonPropertyDescription("transposed convolutions that double the size") Integer upsamples,
    @JsonProperty("norm") @JsonPropertyDescription("batch | layer | none") String norm,
    @JsonProperty("activation") @JsonPropertyDescription("relu | leaky-relu") String activation,
    @JsonProperty("slope") @JsonPropertyDescription("negative slope of leaky-relu") Double slope,
    @JsonProperty("conditional") @JsonPropertyDescription("feed the class label to G") Boolean isConditional,
    @JsonProperty("init-std") @JsonPropertyDescription("weights start from N(0, std^2), biases at 0 (DCGAN: 0.02); 0 = DJL's He init") Double initStd,
    @JsonProperty("kernel") @JsonPropertyDescription("kernel size of the transposed convolutions: 4 doubles sizes exactly; odd (DCGAN-tensorflow's 5) reaches any square size") Integer kernel)
    implements GeneratorSpec, DjlNetworkSpec {
  public static final String TYPE = "dcgan";

  public DcganGenerator {
    latentDimension = Checks.range("latent-dim", latentDimension, 64, 1, 65_536);
    baseChannels = Checks.range("base-channels", baseChannels, 128, 1, 8192);
    upsamples = Checks.range("upsamples", upsamples, 2, 1, 8);
    norm = Checks.oneOf("norm", norm, "batch", Layers.NORMS);
    activation = Checks.oneOf("activation", activation, "relu", Layers.ACTIVATIONS);
    slope = Checks.range("slope", slope, 0.2, 0.0, 1.0);
    isConditional = isConditional != null && isConditional;
    initStd = Layers.initStd(initStd);
    kernel = Checks.range("kernel", kernel, 4, 2, 9);
  }

  /** The options before kernel existed: kernel 4. */
  public DcganGenerator(Integer latentDimension, Integer baseChannels, Integer upsamples, String norm,
      String activation, Double slope, Boolean isConditional, Double initStd) {
    this(latentDimension, baseChannels, upsamples, norm, activation, slope, isConditional, initStd, null);
  }

  /** The options before init-std existed: DJL's init. */
  public DcganGenerator(Integer latentDimension, Integer baseChannels, Integer upsamples, String norm,
      String activation, Double slope, Boolean isConditional) {
    this(latentDimension, baseChannels, upsamples, norm, activation, slope, isConditional, null, null);
  }

  @Override
  public int latentDim() {
    return latentDimension;
  }

  @Override
  public boolean conditional() {
    return isConditional;
  }

  @Override
  public int[] outputShape(int[] data) {
    if (data.length != 3) {
      return new int[] {0, 0, 0};
    }
    // one output padding serves both dimensions, so an odd kernel makes square images of the height
    int width = Stride2Sizes.roundsUp(kernel) ? data[1] : data[2];
    return new int[] {data[0], Stride2Sizes.sizes(data[1], upsamples, kernel)[upsamples],
        Stride2Sizes.sizes(width, upsamples, kernel)[upsamples]};
  }

  @Override
  public int minimumBatch() {
    return Layers.minimumBatch(norm);
  }

  @Override
  public Block build(NetworkContext ctx) {
    int[] data = ctx.dataShape();
    int[] sizes = Stride2Sizes.sizes(data[1], upsamples, kernel);
    int start = sizes[0];
    SequentialBlock net = new SequentialBlock();
    if (ctx.numClasses() > 0) {
      net.add(Layers.appendLabels(ctx.numClasses()));
    }
    net.add(ctx.layers().linear((long) baseChannels * start * start, false));
    net.add(Layers.reshape(baseChannels, start, start));
    addNormAndActivation(net);
    long channels = baseChannels;
    for (int i = 0; i < upsamples; i++) {
      boolean last = i == upsamples - 1;
      long out = last ? data[0] : Math.max(1, channels / 2);
      net.add(ctx.layers().convTranspose2d(out, kernel, 2, Stride2Sizes.padding(kernel),
          Stride2Sizes.outputPadding(sizes[i], sizes[i + 1], kernel), last));
      if (!last) {
        addNormAndActivation(net);
      }
      channels = out;
    }
    net.add(Layers.tanh());
    Layers.initWeights(net, initStd);
    return net;
  }

  private void addNormAndActivation(SequentialBlock net) {
    Block n = Layers.norm(norm, 1, 2, 3);
    if (n != null) {
      net.add(n);
    }
    net.add(Layers.activation(activation, slope));
  }
}
