package dev.gantrack.djl.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript archive of a parameter-free module without Python: the zip {@code
 * torch.jit.save} makes ({@code version}, the scripted source under {@code code/}, an empty constants
 * table and the pickled module object with state {@code {'training': True}}), stored uncompressed, which
 * libtorch's {@code torch::jit::load} (DJL's {@code Model.load} / {@code JniUtils.loadModule}) reads.
 */
public final class TorchScriptArchive {
  private TorchScriptArchive() {}

  /**
   * Writes module {@code __torch__.<className>}, whose TorchScript source (as {@code torch.jit.save}
   * writes it: {@code class <className>(Module): ...}) is {@code source}, under the top folder {@code archive}.
   */
  public static void write(OutputStream os, String archive, String className, String source) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(os)) {
      stored(zip, archive + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
      stored(zip, archive + "/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
      stored(zip, archive + "/constants.pkl", constantsPickle());
      stored(zip, archive + "/data.pkl", modulePickle(className));
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

  /** Pickle protocol 2 of a {@code __torch__.<className>} object with state {@code {'training': True}}. */
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
