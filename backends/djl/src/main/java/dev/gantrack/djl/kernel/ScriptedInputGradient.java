package dev.gantrack.djl.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import java.io.IOException;

/**
 * {@code torch.autograd.grad([out], [x], create_graph=True)[0]} for DJL's PyTorch engine: the gradient
 * of a scalar {@code out} with respect to {@code x}, itself differentiable, without accumulating into
 * any leaf's {@code .grad}.
 *
 * <p>DJL's JNI only offers {@code backward}, which writes {@code .grad} of every leaf it reaches; with
 * {@code create_graph} that makes each leaf's {@code .grad} hold a graph that references the leaf
 * again, a reference cycle PyTorch never frees (native memory grows every call). The JNI can however
 * load and run a TorchScript module in grad mode, and TorchScript has {@code torch.autograd.grad}. This
 * class loads that one-method module ({@link TorchScriptModule}) once and runs it on DJL's own tensors,
 * so the returned gradient's graph links to the caller's graph.
 */
public final class ScriptedInputGradient implements AutoCloseable {

  /** TorchScript source of {@code __torch__.GradOfScalar}, in the form torch.jit.save writes. */
  static final String SOURCE = String.join("\n",
      "class GradOfScalar(Module):",
      "  __parameters__ = []",
      "  __buffers__ = []",
      "  training : bool",
      "  def forward(self: __torch__.GradOfScalar,",
      "    out: Tensor,",
      "    x: Tensor) -> Tensor:",
      "    _0 = torch.autograd.grad([out], [x], None, True, True)",
      "    return unchecked_cast(Tensor, _0[0])",
      "");

  private final PtSymbolBlock module;

  private ScriptedInputGradient(PtSymbolBlock module) {
    this.module = module;
  }

  /** Loads the module on {@code manager}'s device. */
  public static ScriptedInputGradient load(PtNDManager manager) throws IOException {
    return new ScriptedInputGradient(TorchScriptModule.load(manager, "GradOfScalar", SOURCE));
  }

  /** d(out)/dx with a graph; {@code out} must be a scalar computed from {@code x} in grad mode. */
  public NDArray gradient(NDArray out, NDArray x) {
    NDList result = IValueUtils.forward(module, new NDList(TorchScriptModule.plain(out), TorchScriptModule.plain(x)), true);
    return result.singletonOrThrow();
  }

  @Override
  public void close() {
    module.close();
  }
}
