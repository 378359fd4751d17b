package dev.gantrack.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.gantrack.djl.kernel.PtTensorKernels;
import dev.gantrack.djl.spi.DjlPenaltySpec;
import java.util.List;

/**
 * A penalty's view of one D update: its batch as D saw it and D's input gradient.
 *
 * <p>{@link #inputGradient} is d(sum D(x))/dx with a graph (PyTorch's create_graph). It runs {@code
 * torch.autograd.grad} through the scripted kernel, which writes no leaf's {@code .grad}: D's weight
 * gradients stay as they were, so only the final backward pass of the D update counts, and no gradient
 * holds a graph that references its own leaf (the cycle through which a create_graph backward leaks
 * native memory every call). Only if the scripted module cannot be loaded does it fall back, with one
 * warning, to that leaking backward pass, clearing D's weight gradients after it.
 */
record PenaltyInputs(NDManager manager, NDArray real, NDArray fake, NDArray realLabels, NDArray fakeLabels, long step,
    GanModel model, PtTensorKernels kernels) implements DjlPenaltySpec.Context {

  @Override
  public NDArray inputGradient(NDArray x, NDArray labels) {
    return inputGradient(model, kernels, x, labels);
  }

  /** d(sum D(x))/dx with a graph; D's weight gradients are left as they were. */
  static NDArray inputGradient(GanModel model, PtTensorKernels kernels, NDArray x, NDArray labels) {
    x.setRequiresGradient(true);
    NDArray out = model.discriminate(x, labels, true).sum();
    NDArray g = kernels.scriptedInputGradient(out, x);
    if (g != null) {
      return g;
    }
    g = kernels.backwardInputGradient(out, x);
    List<Parameter> weights = model.discriminatorWeights();
    kernels.zeroParameterGradients(weights);
    return g;
  }
}
