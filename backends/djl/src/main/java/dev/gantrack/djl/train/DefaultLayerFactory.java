package dev.gantrack.djl.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import dev.gantrack.djl.nn.Conv2d;
import dev.gantrack.djl.nn.ConvTranspose2d;
import dev.gantrack.djl.nn.Convolution;
import dev.gantrack.djl.nn.TransposedConvolution;
import dev.gantrack.djl.spi.LayerFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds DJL's layers and remembers each one with its kind, so weight transforms can find them.
 * Convolutions compute with the factory's {@link Convolution} and {@link TransposedConvolution}: the
 * kernels the run's engine picks in a run; DJL's convolution and the polyphase decomposition by default.
 */
public final class DefaultLayerFactory implements LayerFactory {
  /** A weight layer a network asked for: {@code kind} is linear, conv or conv-transpose. */
  public record Made(String kind, Block block) {}

  private final List<Made> made = new ArrayList<>();
  private final Convolution conv;
  private final TransposedConvolution convTranspose;

  /** DJL's convolution; transposed convolutions as the polyphase decomposition. */
  public DefaultLayerFactory() {
    this(Convolution.DJL, TransposedConvolution.POLYPHASE);
  }

  /** Convolutions computed by {@code conv}, transposed convolutions by {@code convTranspose}. */
  public DefaultLayerFactory(Convolution conv, TransposedConvolution convTranspose) {
    this.conv = conv;
    this.convTranspose = convTranspose;
  }

  public List<Made> made() {
    return made;
  }

  @Override
  public Block linear(long units, boolean bias) {
    return remember("linear", Linear.builder().setUnits(units).optBias(bias).build());
  }

  @Override
  public Block conv2d(long filters, int kernel, int stride, int padding, boolean bias) {
    return remember("conv", new Conv2d(ai.djl.nn.convolutional.Conv2d.builder().setFilters((int) filters)
        .setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding)).optBias(bias), conv));
  }

  @Override
  public Block convTranspose2d(long filters, int kernel, int stride, int padding, boolean bias) {
    return convTranspose2d(filters, kernel, stride, padding, 0, bias);
  }

  @Override
  public Block convTranspose2d(long filters, int kernel, int stride, int padding, int outputPadding, boolean bias) {
    return remember("conv-transpose", ConvTranspose2d.builder().setFilters((int) filters).setKernel(kernel)
        .optStride(stride).optPadding(padding).optOutputPadding(outputPadding).optBias(bias)
        .optComputation(convTranspose).build());
  }

  private Block remember(String kind, Block block) {
    made.add(new Made(kind, block));
    return block;
  }
}
