package dev.gantrack.djl.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.gantrack.djl.spi.run.TensorKernels;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TensorKernels} on DJL's PyTorch engine (its JNI), plus the input gradient that gradient
 * penalties need ({@code torch.autograd.grad} with a graph, through {@link ScriptedInputGradient}).
 * One per run; the scripted module is loaded on first use and closed with the run.
 */
public final class PtTensorKernels implements TensorKernels, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PtTensorKernels.class);
  private final NDManager manager;
  private ScriptedInputGradient scripted;
  private boolean scriptedFailed;

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
  }
}
