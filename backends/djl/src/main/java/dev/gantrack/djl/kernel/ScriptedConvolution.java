package dev.gantrack.djl.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import java.io.IOException;
import java.util.Locale;

/**
 * One of libtorch's convolution kernels for one setting of stride, padding and output padding, with or
 * without bias: a one-line TorchScript module run in grad mode, so autograd records libtorch's op and
 * its backward is libtorch's too. One call into the engine per forward pass. DJL's engine lacks the
 * transposed convolution altogether, and reaches only {@code convolution}, which picks oneDNN on the
 * CPU; the im2col + GEMM kernels ({@code thnn_conv2d}, {@code slow_conv_transpose2d}) are libtorch's
 * other CPU implementation, the faster one where the image side has very few channels.
 */
final class ScriptedConvolution implements AutoCloseable {
  /** The op a module calls. */
  enum Op {
    /** {@code conv_transpose2d}: oneDNN's deconvolution on the CPU, cuDNN's on a GPU. */
    CONV_TRANSPOSE("torch.conv_transpose2d(x, weight, %1$s, [%2$d, %2$d], [%3$d, %3$d], [%4$d, %4$d])"),
    /** {@code slow_conv_transpose2d}: col2im of a GEMM. */
    CONV_TRANSPOSE_IM2COL("torch.slow_conv_transpose2d(x, weight, [torch.size(weight, 2), torch.size(weight, 3)], "
        + "%1$s, [%2$d, %2$d], [%3$d, %3$d], [%4$d, %4$d], [1, 1])"),
    /** {@code thnn_conv2d}: a GEMM of im2col's columns. */
    CONV_IM2COL("torch.thnn_conv2d(x, weight, [torch.size(weight, 2), torch.size(weight, 3)], %1$s, "
        + "[%2$d, %2$d], [%3$d, %3$d])");

    private final String call;

    Op(String call) {
      this.call = call;
    }
  }

  private final PtSymbolBlock module;
  private final boolean bias;

  private ScriptedConvolution(PtSymbolBlock module, boolean bias) {
    this.module = module;
    this.bias = bias;
  }

  /** Loads the module of {@code op} for one setting on {@code manager}'s device. */
  static ScriptedConvolution load(PtNDManager manager, Op op, int stride, int padding, int outputPadding,
      boolean bias) throws IOException {
    return new ScriptedConvolution(TorchScriptModule.load(manager, "Convolution",
        source(op, stride, padding, outputPadding, bias)), bias);
  }

  /** The module's code: {@code forward(x, weight[, bias])} is {@code op} with the setting's constants. */
  static String source(Op op, int stride, int padding, int outputPadding, boolean bias) {
    return String.join("\n",
        "class Convolution(Module):",
        "  __parameters__ = []",
        "  __buffers__ = []",
        "  training : bool",
        "  def forward(self: __torch__.Convolution,",
        "    x: Tensor,",
        bias ? "    weight: Tensor,\n    bias: Tensor) -> Tensor:" : "    weight: Tensor) -> Tensor:",
        "    return " + String.format(Locale.ROOT, op.call, bias ? "bias" : "None", stride, padding, outputPadding),
        "");
  }

  /** The op on {@code (x, weight, b)}, recorded by autograd when gradients are being recorded. */
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
