package dev.gantrack.djl.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
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
 * A TorchScript module written from its source and loaded into DJL's PyTorch engine, so gantrack can
 * run libtorch operations DJL's JNI does not expose ({@code torch.autograd.grad}, {@code
 * conv_transpose2d}, the fused multi-tensor optimizers) without Python and without a binary in the
 * repository. The archive is what {@code torch.jit.save} writes for a module with no parameters: the
 * class's code in serialized form ({@code def m(self: __torch__.Name, x: Tensor) -> Tensor:}, every
 * argument typed), an empty constants table and the pickled module object.
 */
public final class TorchScriptModule {
  /** The archive's one top-level folder; libtorch takes any name. */
  private static final String ARCHIVE = "gantrack";

  private TorchScriptModule() {}

  /**
   * Writes the archive of class {@code __torch__.className} with {@code source} (its serialized code,
   * starting {@code class className(Module):}) to a temporary file, loads it on {@code manager}'s
   * device and deletes the file. The caller closes the block (closing {@code manager} does too).
   */
  public static PtSymbolBlock load(PtNDManager manager, String className, String source) throws IOException {
    Path file = Files.createTempFile("gantrack-" + className, ".pt");
    try {
      try (OutputStream os = Files.newOutputStream(file)) {
        writeArchive(os, className, source);
      }
      return JniUtils.loadModule(manager, file, true, new String[0], new String[0], true);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * {@code a}, with its name cleared if {@code IValueUtils.forward} would read the name as a list, tuple
   * or map marker or a method name ({@code "x[]"}, {@code "x()"}, {@code "a.b"}, {@code "module_method:..."}):
   * inputs of gantrack's modules are plain tensors.
   */
  static NDArray plain(NDArray a) {
    String name = a.getName();
    if (name != null && (name.contains(".") || name.contains("[]") || name.contains("()") || name.startsWith("module_method:"))) {
      a.setName(null);
    }
    return a;
  }

  /**
   * The archive of module {@code __torch__.<className>} ({@code version}, the code, {@code constants.pkl}
   * and {@code data.pkl}, stored uncompressed): the file {@code torch.jit.save} writes for a
   * parameter-free module, which DJL's {@code Model.load} reads too (the evaluation plugins' tests write
   * TorchScript files with it).
   */
  public static void writeArchive(OutputStream os, String className, String source) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(os)) {
      stored(zip, ARCHIVE + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
      stored(zip, ARCHIVE + "/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
      stored(zip, ARCHIVE + "/constants.pkl", constantsPickle());
      stored(zip, ARCHIVE + "/data.pkl", modulePickle(className));
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

  /** Pickle protocol 2 of a {@code __torch__.className} object with state {@code {'training': True}}. */
  static byte[] modulePickle(String className) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x80);
    b.write(2);
    b.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
    b.writeBytes(new byte[] {'q', 0, ')', (byte) 0x81, '}', 'q', 1, '('}); // BINPUT, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, BINPUT, MARK
    byte[] key = "training".getBytes(StandardCharsets.UTF_8);
    b.write('X'); // BINUNICODE
    b.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
    b.writeBytes(key);
    b.writeBytes(new byte[] {'q', 2, (byte) 0x88, 'u', 'b', 'q', 3, '.'}); // BINPUT, NEWTRUE, SETITEMS, BUILD, BINPUT, STOP
    return b.toByteArray();
  }
}
