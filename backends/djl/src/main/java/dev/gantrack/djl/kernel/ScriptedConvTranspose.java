package dev.gantrack.djl.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import java.io.IOException;
import java.util.Locale;

/**
 * libtorch's own {@code conv_transpose2d} for one setting of stride, padding and output padding, with
 * or without bias: a one-line TorchScript module run in grad mode, so autograd records libtorch's
 * transposed convolution and its backward is libtorch's too (DJL's engine lacks the op). One call into
 * the engine per forward pass, against about a dozen ops of the polyphase decomposition.
 */
final class ScriptedConvTranspose implements AutoCloseable {
  private final PtSymbolBlock module;
  private final boolean bias;

  private ScriptedConvTranspose(PtSymbolBlock module, boolean bias) {
    this.module = module;
    this.bias = bias;
  }

  /** Loads the module for one setting on {@code manager}'s device. */
  static ScriptedConvTranspose load(PtNDManager manager, int stride, int padding, int outputPadding, boolean bias)
      throws IOException {
    return new ScriptedConvTranspose(TorchScriptModule.load(manager, "ConvTranspose2d",
        source(stride, padding, outputPadding, bias)), bias);
  }

  /** The module's code: {@code forward(x, weight[, bias])} is {@code torch.conv_transpose2d} with the setting's constants. */
  static String source(int stride, int padding, int outputPadding, boolean bias) {
    return String.join("\n",
        "class ConvTranspose2d(Module):",
        "  __parameters__ = []",
        "  __buffers__ = []",
        "  training : bool",
        "  def forward(self: __torch__.ConvTranspose2d,",
        "    x: Tensor,",
        bias ? "    weight: Tensor,\n    bias: Tensor) -> Tensor:" : "    weight: Tensor) -> Tensor:",
        String.format(Locale.ROOT, "    return torch.conv_transpose2d(x, weight, %s, [%d, %d], [%d, %d], [%d, %d])",
            bias ? "bias" : "None", stride, stride, padding, padding, outputPadding, outputPadding),
        "");
  }

  /** {@code conv_transpose2d(x, weight, bias)}, recorded by autograd when gradients are being recorded. */
  NDArray apply(NDArray x, NDArray weight, NDArray b) {
    NDList in = bias ? new NDList(TorchScriptModule.plain(x), TorchScriptModule.plain(weight),
        TorchScriptModule.plain(b)) : new NDList(TorchScriptModule.plain(x), TorchScriptModule.plain(weight));
    return IValueUtils.forward(module, in, true).singletonOrThrow();
  }

  @Override
  public void close() {
    module.close();
  }
}
