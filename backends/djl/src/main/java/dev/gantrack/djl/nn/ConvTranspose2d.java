package dev.gantrack.djl.nn;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * 2-D transposed convolution with PyTorch's {@code nn.ConvTranspose2d} semantics, built from ops
 * the DJL PyTorch engine supports (its {@code deconvolution} is not implemented).
 *
 * <p>Input {@code (N, Cin, H, W)}; parameter {@code "weight"} of shape {@code (Cin, Cout, k, k)}
 * (PyTorch layout) and optional {@code "bias"} of shape {@code (Cout)}; output {@code (N, Cout,
 * (H-1)*s - 2p + k + op, (W-1)*s - 2p + k + op)}. Square kernel, no dilation, no groups.
 *
 * <p>Computed by the builder's {@link TransposedConvolution}: in a run, libtorch's own kernel (forward
 * and backward); by default the exact polyphase (sub-pixel) decomposition of {@link
 * PolyphaseConvTranspose}, from ops DJL exposes.
 */
public final class ConvTranspose2d extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int filters;
  private final int kernel;
  private final int stride;
  private final int padding;
  private final int outputPadding;
  private final boolean includeBias;
  private final TransposedConvolution computation;
  private final Parameter weight;
  private final Parameter bias;

  private ConvTranspose2d(Builder b) {
    super(VERSION);
    filters = b.filters;
    kernel = b.kernel;
    stride = b.stride;
    padding = b.padding;
    outputPadding = b.outputPadding;
    includeBias = b.includeBias;
    computation = b.computation;
    weight =
        addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    bias =
        includeBias
            ? addParameter(
                Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build())
            : null;
  }

  /** A new builder; {@code setFilters} and {@code setKernel} are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
    NDArray b = bias == null ? null : parameterStore.getValue(bias, x.getDevice(), training);
    return new NDList(computation.apply(x, w, b, stride, padding, outputPadding));
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    super.beforeInitialize(inputShapes);
    if (inputShapes.length != 1 || inputShapes[0].dimension() != 4) {
      throw new IllegalArgumentException(
          "ConvTranspose2d expects one (N, C, H, W) input, got "
              + Arrays.toString(inputShapes));
    }
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    weight.setShape(new Shape(inputShapes[0].get(1), filters, kernel, kernel));
    if (bias != null) {
      bias.setShape(new Shape(filters));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {
      new Shape(
          in.get(0),
          filters,
          PolyphaseConvTranspose.outputSize(in.get(2), kernel, stride, padding, outputPadding),
          PolyphaseConvTranspose.outputSize(in.get(3), kernel, stride, padding, outputPadding))
    };
  }

  @Override
  public void loadMetadata(byte loadVersion, DataInputStream is)
      throws IOException, MalformedModelException {
    if (loadVersion != version) {
      throw new MalformedModelException(
          "Unsupported ConvTranspose2d encoding version: " + loadVersion);
    }
    readInputShapes(is);
  }

  /** Number of output channels (Cout). */
  public int getFilters() {
    return filters;
  }

  /** Kernel size k (square). */
  public int getKernel() {
    return kernel;
  }

  /** Stride s. */
  public int getStride() {
    return stride;
  }

  /** Padding p cropped from each side of the full output. */
  public int getPadding() {
    return padding;
  }

  /** Extra rows/columns added at the bottom/right of the output. */
  public int getOutputPadding() {
    return outputPadding;
  }

  /** Whether the block has a bias parameter. */
  public boolean isIncludeBias() {
    return includeBias;
  }

  @Override
  public String toString() {
    return "ConvTranspose2d(filters="
        + filters
        + ", kernel="
        + kernel
        + ", stride="
        + stride
        + ", padding="
        + padding
        + ", outputPadding="
        + outputPadding
        + ", bias="
        + includeBias
        + ")";
  }

  /** Builder for {@link ConvTranspose2d}, in DJL style. */
  public static final class Builder {
    private int filters;
    private int kernel;
    private int stride = 1;
    private int padding;
    private int outputPadding;
    private boolean includeBias = true;
    private TransposedConvolution computation = TransposedConvolution.POLYPHASE;

    private Builder() {}

    /** Required: number of output channels. */
    public Builder setFilters(int filters) {
      this.filters = filters;
      return this;
    }

    /** Required: kernel size (square). */
    public Builder setKernel(int kernel) {
      this.kernel = kernel;
      return this;
    }

    /** Stride; default 1. */
    public Builder optStride(int stride) {
      this.stride = stride;
      return this;
    }

    /** Padding cropped from each side; default 0. */
    public Builder optPadding(int padding) {
      this.padding = padding;
      return this;
    }

    /** Output padding, in [0, stride); default 0. */
    public Builder optOutputPadding(int outputPadding) {
      this.outputPadding = outputPadding;
      return this;
    }

    /** Whether to add a bias; default true. */
    public Builder optBias(boolean includeBias) {
      this.includeBias = includeBias;
      return this;
    }

    /** How to compute the transposed convolution; default {@link TransposedConvolution#POLYPHASE}. */
    public Builder optComputation(TransposedConvolution computation) {
      this.computation = computation;
      return this;
    }

    /** Builds the block; throws {@link IllegalArgumentException} on invalid settings. */
    public ConvTranspose2d build() {
      if (filters < 1 || kernel < 1) {
        throw new IllegalArgumentException(
            "filters and kernel must be set and >= 1, got filters="
                + filters
                + ", kernel="
                + kernel);
      }
      PolyphaseConvTranspose.checkOptions(stride, padding, outputPadding);
      return new ConvTranspose2d(this);
    }
  }
}
