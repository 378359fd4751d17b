package dev.gantrack.djl.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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

  /** The TorchScript archive: {@code version}, {@code data.pkl}, {@code constants.pkl} and the code, stored uncompressed. */
  static void writeArchive(OutputStream os) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(os)) {
      stored(zip, ARCHIVE + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
      stored(zip, ARCHIVE + "/code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
      stored(zip, ARCHIVE + "/constants.pkl", constantsPickle());
      stored(zip, ARCHIVE + "/data.pkl", modulePickle());
    }
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(data.length);
    e.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }

  /** Pickle protocol 2 of an empty tuple. */
  static byte[] constantsPickle() {
    return new byte[] {(byte) 0x80, 2, ')', 'q', 0, '.'};
  }

  /** Pickle protocol 2 of a {@code __torch__.GradOfScalar} object with state {@code {'training': True}}. */
  static byte[] modulePickle() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x80);
    b.write(2);
    b.writeBytes("c__torch__\nGradOfScalar\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL
    b.writeBytes(new byte[] {'q', 0, ')', (byte) 0x81, '}', 'q', 1, '('}); // BINPUT, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, BINPUT, MARK
    byte[] key = "training".getBytes(StandardCharsets.UTF_8);
    b.write('X'); // BINUNICODE
    b.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
    b.writeBytes(key);
    b.writeBytes(new byte[] {'q', 2, (byte) 0x88, 'u', 'b', 'q', 3, '.'}); // BINPUT, NEWTRUE, SETITEMS, BUILD, BINPUT, STOP
    return b.toByteArray();
  }
}
