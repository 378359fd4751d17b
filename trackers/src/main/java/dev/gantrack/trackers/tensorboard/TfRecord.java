package dev.gantrack.trackers.tensorboard;

import java.io.IOException;
import java.io.OutputStream;

/**
 * TFRecord framing, the container of TensorBoard event files. Each record is
 *
 * <pre>
 * uint64 length          (little-endian)
 * uint32 masked_crc32c(length bytes)
 * byte   data[length]
 * uint32 masked_crc32c(data)
 * </pre>
 */
final class TfRecord {
  /** Bytes a record adds around its data. */
  static final int OVERHEAD = 8 + 4 + 4;

  private TfRecord() {}

  /** The framed record for {@code data}. */
  static byte[] frame(byte[] data) {
    byte[] out = new byte[data.length + OVERHEAD];
    long len = data.length;
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (len >>> (8 * i));
    }
    putIntLe(out, 8, Crc32c.masked(out, 0, 8));
    System.arraycopy(data, 0, out, 12, data.length);
    putIntLe(out, 12 + data.length, Crc32c.masked(data, 0, data.length));
    return out;
  }

  /** Writes the framed record for {@code data} to {@code out}. */
  static void write(OutputStream out, byte[] data) throws IOException {
    out.write(frame(data));
  }

  private static void putIntLe(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
  }
}
