package dev.gantrack.djl.builtins.network;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.spec.GeneratorSpec;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.NetworkContext;
import dev.gantrack.djl.spi.layers.Layers;
import java.util.List;

/** Generator {@code mlp}: fully connected layers from the latent vector to a sample of the data's shape. */
public record MlpGenerator(
    @JsonProperty("latent-dim") @JsonPropertyDescription("length of the latent vector z") Integer latentDimension,
    @JsonProperty("hidden") @JsonPropertyDescription("units per hidden layer") Integer hidden,
    @JsonProperty("layers") @JsonPropertyDescription("hidden layers") Integer layers,
    @JsonProperty("norm") @JsonPropertyDescription("batch | layer | none") String norm,
    @JsonProperty("activation") @JsonPropertyDescription("relu | leaky-relu | maxout") String activation,
    @JsonProperty("slope") @JsonPropertyDescription("negative slope of leaky-relu") Double slope,
    @JsonProperty("output") @JsonPropertyDescription("tanh (images in [-1,1]) | linear (points)") String output,
    @JsonProperty("conditional") @JsonPropertyDescription("feed the class label to G") Boolean isConditional,
    @JsonProperty("pieces") @JsonPropertyDescription("maxout: linear pieces per unit (default 5)") Integer pieces,
    @JsonProperty("hidden-bias") @JsonPropertyDescription("biases in the hidden linear layers (false: none, as PacGAN's G, whose batch norm follows)") Boolean hiddenBias,
    @JsonProperty("init-std") @JsonPropertyDescription("weights start from N(0, std^2), biases at 0 (PacGAN, DCGAN: 0.02); 0 = DJL's He init") Double initStd)
    implements GeneratorSpec, DjlNetworkSpec {
  public static final String TYPE = "mlp";

  public MlpGenerator {
    latentDimension = Checks.range("latent-dim", latentDimension, 64, 1, 65_536);
    hidden = Checks.range("hidden", hidden, 256, 1, 65_536);
    layers = Checks.range("layers", layers, 3, 0, 64);
    norm = Checks.oneOf("norm", norm, "batch", Layers.NORMS);
    activation = Checks.oneOf("activation", activation, "relu", Layers.DENSE_ACTIVATIONS);
    slope = Checks.range("slope", slope, 0.2, 0.0, 1.0);
    output = Checks.oneOf("output", output, "tanh", List.of("tanh", "linear"));
    isConditional = isConditional != null && isConditional;
    pieces = Layers.pieces(pieces, activation);
    hiddenBias = hiddenBias == null || hiddenBias;
    initStd = Layers.initStd(initStd);
  }

  /** The options before maxout, hidden-bias and init-std existed: ReLU-style layers with biases, DJL's init. */
  public MlpGenerator(Integer latentDimension, Integer hidden, Integer layers, String norm, String activation,
      Double slope, String output, Boolean isConditional) {
    this(latentDimension, hidden, layers, norm, activation, slope, output, isConditional, null, null, null);
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
  public int minimumBatch() {
    return Layers.minimumBatch(norm);
  }

  @Override
  public Block build(NetworkContext ctx) {
    SequentialBlock net = new SequentialBlock();
    if (ctx.numClasses() > 0) {
      net.add(Layers.appendLabels(ctx.numClasses()));
    }
    for (int i = 0; i < layers; i++) {
      Layers.hidden(net, ctx.layers(), hidden, hiddenBias, norm, activation, slope, pieces);
    }
    int[] shape = ctx.dataShape();
    net.add(ctx.layers().linear(new DataShape(shape, 0, 0).exampleLength(), true));
    if ("tanh".equals(output)) {
      net.add(Layers.tanh());
    }
    long[] s = new long[shape.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = shape[i];
    }
    net.add(Layers.reshape(s));
    Layers.initWeights(net, initStd);
    return net;
  }
}
