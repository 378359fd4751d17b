package dev.gantrack.djl.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code torch.autograd.grad([out], [x], create_graph=True)[0]} for DJL's PyTorch engine: the gradient
 * of a scalar {@code out} with respect to {@code x}, itself differentiable, without accumulating into
 * any leaf's {@code .grad}.
 *
 * <p>DJL's JNI only offers {@code backward}, which writes {@code .grad} of every leaf it reaches; with
 * {@code create_graph} that makes each leaf's {@code .grad} hold a graph that references the leaf
 * again, a reference cycle PyTorch never frees (native memory grows every call). The JNI can however
 * load and run a TorchScript module in grad mode, and TorchScript has {@code torch.autograd.grad}. This
 * class writes that one-method module as a TorchScript archive (a zip of the scripted source, an
 * empty constants table and the pickled module object) into a temporary file, loads it once, and runs
 * it on DJL's own tensors, so the returned gradient's graph links to the caller's graph.
 */
public final class ScriptedInputGradient implements AutoCloseable {

  /** The archive's one top-level folder; libtorch takes any name. */
  private static final String ARCHIVE = "grad_of_scalar";

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

  /** Writes the archive to a temporary file, loads it on {@code manager}'s device and deletes the file. */
  public static ScriptedInputGradient load(PtNDManager manager) throws IOException {
    Path file = Files.createTempFile("gantrack-grad-of-scalar", ".pt");
    try {
      try (OutputStream os = Files.newOutputStream(file)) {
        writeArchive(os);
      }
      return new ScriptedInputGradient(JniUtils.loadModule(manager, file, true, new String[0], new String[0], true));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** d(out)/dx with a graph; {@code out} must be a scalar computed from {@code x} in grad mode. */
  public NDArray gradient(NDArray out, NDArray x) {
    NDList result = IValueUtils.forward(module, new NDList(unnamed(out), unnamed(x)), true);
    return result.singletonOrThrow();
  }

  /** IValueUtils reads array names as list/tuple markers; the inputs here are plain tensors. */
  private static NDArray unnamed(NDArray a) {
    if (a.getName() != null) {
      a.setName(null);
    }
    return a;
  }

  @Override
  public void close() {
    module.close();
  }

  /** The module as a TorchScript archive (see {@link TorchScriptArchive}). */
  static void writeArchive(OutputStream os) throws IOException {
    TorchScriptArchive.write(os, ARCHIVE, "GradOfScalar", SOURCE);
  }
}
