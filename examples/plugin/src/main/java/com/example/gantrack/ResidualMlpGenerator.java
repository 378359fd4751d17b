package com.example.gantrack;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.spec.GeneratorSpec;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.NetworkContext;
import dev.gantrack.djl.spi.layers.Layers;
import java.util.List;

/**
 * Generator {@code residual-mlp}: z → linear to {@code hidden} units → {@code blocks} pre-activation
 * residual blocks {@code x + W₂·act(norm(W₁·act(norm(x))))} (He et al. 2016) → act → linear to the
 * data's shape (then tanh for images). Its weight layers come from the run's {@link
 * dev.gantrack.djl.spi.LayerFactory} ({@code ctx.layers()}), so {@code spectral-norm} with {@code
 * generator: true} normalises them; norms and activations are the SPI's {@link Layers}.
 */
public record ResidualMlpGenerator(
    @JsonProperty("latent-dim") @JsonPropertyDescription("length of the latent vector z") Integer latentDimension,
    @JsonProperty("hidden") @JsonPropertyDescription("units of every hidden layer") Integer hidden,
    @JsonProperty("blocks") @JsonPropertyDescription("residual blocks (two linear layers each)") Integer blocks,
    @JsonProperty("norm") @JsonPropertyDescription("batch | layer | none") String norm,
    @JsonProperty("activation") @JsonPropertyDescription("relu | leaky-relu") String activation,
    @JsonProperty("slope") @JsonPropertyDescription("negative slope of leaky-relu") Double slope,
    @JsonProperty("output") @JsonPropertyDescription("tanh (images in [-1,1]) | linear (points)") String output)
    implements GeneratorSpec, DjlNetworkSpec {
  public static final String TYPE = "residual-mlp";

  public ResidualMlpGenerator {
    latentDimension = Checks.range("latent-dim", latentDimension, 64, 1, 65_536);
    hidden = Checks.range("hidden", hidden, 256, 1, 65_536);
    blocks = Checks.range("blocks", blocks, 2, 1, 64);
    norm = Checks.oneOf("norm", norm, "layer", Layers.NORMS);
    activation = Checks.oneOf("activation", activation, "relu", Layers.ACTIVATIONS);
    slope = Checks.range("slope", slope, 0.2, 0.0, 1.0);
    output = Checks.oneOf("output", output, "tanh", List.of("tanh", "linear"));
  }

  @Override
  public int latentDim() {
    return latentDimension;
  }

  @Override
  public int minimumBatch() {
    return Layers.minimumBatch(norm);
  }

  @Override
  public Block build(NetworkContext ctx) {
    int[] shape = ctx.dataShape();
    long[] example = new long[shape.length];
    long length = 1;
    for (int i = 0; i < shape.length; i++) {
      example[i] = shape[i];
      length *= shape[i];
    }
    SequentialBlock net = new SequentialBlock().add(ctx.layers().linear(hidden, true));
    for (int i = 0; i < blocks; i++) {
      net.add(residualBlock(ctx));
    }
    net.add(Layers.activation(activation, slope)).add(ctx.layers().linear(length, true));
    if ("tanh".equals(output)) {
      net.add(Layers.tanh());
    }
    return net.add(Layers.reshape(example));
  }

  /** x + branch(x), the branch being (norm, act, linear) twice. */
  private Block residualBlock(NetworkContext ctx) {
    SequentialBlock branch = new SequentialBlock();
    for (int i = 0; i < 2; i++) {
      Block n = Layers.norm(norm, 1);
      if (n != null) {
        branch.add(n);
      }
      branch.add(Layers.activation(activation, slope)).add(ctx.layers().linear(hidden, true));
    }
    return new ParallelBlock(
        outputs -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
        List.of(Blocks.identityBlock(), branch));
  }
}
