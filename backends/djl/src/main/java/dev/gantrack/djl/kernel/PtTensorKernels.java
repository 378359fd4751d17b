package dev.gantrack.djl.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.gantrack.djl.spi.run.TensorKernels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TensorKernels} on DJL's PyTorch engine (its JNI and TorchScript modules of libtorch's own
 * ops): the multi-tensor optimizer updates ({@link MultiTensorOps}), libtorch's convolution kernels
 * ({@link ScriptedConvolution}, one module per op and setting) and the input gradient that
 * gradient penalties need ({@code torch.autograd.grad} with a graph, {@link ScriptedInputGradient}).
 * One per run; each module is loaded on first use and closed with the run.
 */
public final class PtTensorKernels implements TensorKernels, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PtTensorKernels.class);
  private final NDManager manager;
  private ScriptedInputGradient scripted;
  private boolean scriptedFailed;
  private MultiTensorOps multiTensor;
  private final Map<String, ScriptedConvolution> convolutions = new HashMap<>();

  public PtTensorKernels(NDManager manager) {
    this.manager = manager;
  }

  @Override
  public void zeroGradients(List<NDArray> arrays) {
    for (NDArray a : arrays) {
      JniUtils.zeroGrad((PtNDArray) a);
    }
  }

  /** Clears the gradients of {@code parameters}' arrays (BatchNorm statistics have none). */
  public void zeroParameterGradients(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      if (p.requiresGradient()) {
        JniUtils.zeroGrad((PtNDArray) p.getArray());
      }
    }
  }

  /**
   * A switch of whether the leaves {@code arrays} record gradients in later backward passes (gradients
   * already there stay): one call into the engine per switch, whatever the number of arrays.
   */
  public GradientSwitch gradientSwitch(List<NDArray> arrays) {
    return multiTensor().requiresGradient(arrays)::set;
  }

  /** Gradient recording of a fixed list of leaves, on or off. */
  @FunctionalInterface
  public interface GradientSwitch {
    void set(boolean requires);
  }

  @Override
  public void withoutGradientRecording(Runnable action) {
    boolean before = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      action.run();
    } finally {
      JniUtils.setGradMode(before);
    }
  }

  @Override
  public void adamUpdate(NDArray weight, NDArray gradient, NDArray mean, NDArray variance, float learningRate,
      float correctedLearningRate, float weightDecay, float beta1, float beta2, float epsilon, boolean decoupled) {
    JniUtils.adamUpdate((PtNDArray) weight, (PtNDArray) gradient, (PtNDArray) mean, (PtNDArray) variance, learningRate,
        correctedLearningRate, weightDecay, 1f, -1f, beta1, beta2, epsilon, decoupled);
  }

  @Override
  public MultiTensorUpdate adam(List<NDArray> weights, List<NDArray> means, List<NDArray> variances, double beta1,
      double beta2, double epsilon, double weightDecay, boolean decoupled) {
    return multiTensor().adam(weights, means, variances, beta1, beta2, epsilon, weightDecay, decoupled);
  }

  @Override
  public MultiTensorUpdate sgd(List<NDArray> weights, List<NDArray> momentumBuffers, double momentum,
      double dampening, double weightDecay, boolean nesterov) {
    return multiTensor().sgd(weights, momentumBuffers, momentum, dampening, weightDecay, nesterov);
  }

  @Override
  public MultiTensorUpdate rmsprop(List<NDArray> weights, List<NDArray> squareAverages,
      List<NDArray> gradientAverages, List<NDArray> momentumBuffers, double alpha, double epsilon,
      double weightDecay, double momentum, boolean centered) {
    return multiTensor().rmsprop(weights, squareAverages, gradientAverages, momentumBuffers, alpha, epsilon,
        weightDecay, momentum, centered);
  }

  private MultiTensorOps multiTensor() {
    if (multiTensor == null) {
      multiTensor = load("multi-tensor ops", () -> MultiTensorOps.load((PtNDManager) manager));
    }
    return multiTensor;
  }

  /**
   * Image sides with at most this many channels (a convolution's input, a transposed convolution's
   * output: the images of a GAN's D and G) take libtorch's im2col + GEMM kernels on the CPU: oneDNN's
   * kernels block channels by 16 and waste most of each block on one to three channels (the first conv
   * of D and the last transposed conv of G on MNIST: 2-5x faster forward and backward, {@code
   * benchmarks/vs-pytorch/conv-kernels}); with more channels oneDNN's are the faster ones.
   */
  static final long IM2COL_MAX_IMAGE_CHANNELS = 3;

  /** Whether a convolution with {@code imageChannels} on its image side runs im2col on {@code x}'s device. */
  static boolean im2col(NDArray x, long imageChannels) {
    return imageChannels <= IM2COL_MAX_IMAGE_CHANNELS && !x.getDevice().isGpu();
  }

  /**
   * libtorch's {@code conv_transpose2d}, forward and backward (a {@link
   * dev.gantrack.djl.nn.TransposedConvolution}): oneDNN's deconvolution, or libtorch's im2col kernel
   * ({@code slow_conv_transpose2d}) for a few output channels on the CPU ({@link #im2col}).
   */
  public NDArray convTranspose2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding,
      int outputPadding) {
    ScriptedConvolution.Op op = im2col(x, weight.getShape().get(1))
        ? ScriptedConvolution.Op.CONV_TRANSPOSE_IM2COL : ScriptedConvolution.Op.CONV_TRANSPOSE;
    return convolution(op, stride, padding, outputPadding, bias != null).apply(x, weight, bias);
  }

  /**
   * 2-D convolution (a {@link dev.gantrack.djl.nn.Convolution}, weight {@code (Cout, Cin, kh, kw)}):
   * DJL's (libtorch's {@code convolution}, oneDNN on the CPU), or libtorch's im2col kernel ({@code
   * thnn_conv2d}) for a few input channels on the CPU ({@link #im2col}).
   */
  public NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int padding) {
    if (!im2col(x, weight.getShape().get(1))) {
      return Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding)).singletonOrThrow();
    }
    return convolution(ScriptedConvolution.Op.CONV_IM2COL, stride, padding, 0, bias != null).apply(x, weight, bias);
  }

  /** The module of {@code op} for one setting, loaded on first use. */
  private ScriptedConvolution convolution(ScriptedConvolution.Op op, int stride, int padding, int outputPadding,
      boolean bias) {
    String key = op + "/" + stride + "/" + padding + "/" + outputPadding + "/" + bias;
    ScriptedConvolution m = convolutions.get(key);
    if (m == null) {
      m = load("convolution " + key, () -> ScriptedConvolution.load((PtNDManager) manager, op, stride, padding,
          outputPadding, bias));
      convolutions.put(key, m);
    }
    return m;
  }

  /** A module gantrack cannot run without: loading it fails only with a broken engine, as an exception. */
  private static <T> T load(String what, ModuleLoader<T> loader) {
    try {
      return loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the TorchScript module of the " + what, e);
    }
  }

  private interface ModuleLoader<T> {
    T load() throws IOException;
  }

  /**
   * d(out)/dx with a graph, writing no leaf's {@code .grad} (see {@link ScriptedInputGradient}); only
   * if the scripted module cannot be loaded does it fall back, with one warning, to a create_graph
   * backward pass, after which the caller must clear the weights' gradients ({@code usedBackward}).
   *
   * @return the gradient, or null when the fallback is needed (call {@link #backwardInputGradient})
   */
  public NDArray scriptedInputGradient(NDArray out, NDArray x) {
    if (scripted == null && !scriptedFailed) {
      try {
        scripted = ScriptedInputGradient.load((PtNDManager) manager);
      } catch (IOException | RuntimeException e) {
        scriptedFailed = true;
        LOG.warn("Cannot load the TorchScript input-gradient module ({}); gradient penalties fall back to a "
            + "create_graph backward pass, which leaks native memory every discriminator update", e.toString());
      }
    }
    return scripted == null ? null : scripted.gradient(out, x);
  }

  /** The leaking fallback: a create_graph backward pass from {@code out}; returns x's gradient. */
  public NDArray backwardInputGradient(NDArray out, NDArray x) {
    JniUtils.backward((PtNDArray) out, (PtNDArray) out.onesLike(), true, true);
    return x.getGradient();
  }

  /** For tests comparing memory: use the leaking backward pass instead of the scripted one. */
  public void useBackwardInputGradient() {
    scriptedFailed = true;
  }

  @Override
  public void close() {
    if (scripted != null) {
      scripted.close();
      scripted = null;
    }
    if (multiTensor != null) {
      multiTensor.close();
      multiTensor = null;
    }
    convolutions.values().forEach(ScriptedConvolution::close);
    convolutions.clear();
  }
}
