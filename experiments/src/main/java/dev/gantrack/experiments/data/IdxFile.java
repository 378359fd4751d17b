package dev.gantrack.experiments.data;

import dev.gantrack.api.data.DataShape;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), gzipped or plain: a 4-byte magic {@code 00 00 TT NN} with
 * data type {@code TT} (only {@code 0x08}, unsigned byte, is supported) and {@code NN} dimensions,
 * then {@code NN} big-endian 32-bit sizes, then the data in row-major order. Gzip is recognised by
 * its magic bytes, not by the file name. Every error names the file and says what is wrong.
 */
final class IdxFile {
  private static final int UBYTE = 0x08;
  private static final int BUFFER = 1 << 16;

  private IdxFile() {}

  /** What a file's header says. */
  record Header(Path file, boolean gzipped, int[] dims) {
    /** Number of examples (the first dimension). */
    int count() {
      return dims[0];
    }

    /** Bytes per example (the product of the other dimensions). */
    long exampleBytes() {
      long n = 1;
      for (int i = 1; i < dims.length; i++) {
        n *= dims[i];
      }
      return n;
    }

    /** Bytes of data the header declares. */
    long dataBytes() {
      return count() * exampleBytes();
    }

    int headerBytes() {
      return 4 + 4 * dims.length;
    }
  }

  /** A header and the examples read after it. */
  record Contents(Header header, byte[] data) {}

  /** Reads and checks only the header; for a plain file also checks the file is long enough. */
  static Header header(Path file) throws IOException {
    try (InputStream in = open(file)) {
      Header h = readHeader(file, in);
      if (!h.gzipped()) {
        long dataBytes = Files.size(file) - h.headerBytes();
        if (dataBytes < h.dataBytes()) {
          throw truncated(h, dataBytes);
        }
      }
      return h;
    }
  }

  /** Reads the header and the data of the first {@code min(count, maxExamples)} examples. */
  static Contents read(Path file, int maxExamples) throws IOException {
    try (InputStream in = open(file)) {
      Header h = readHeader(file, in);
      long length = Math.min(h.count(), maxExamples) * h.exampleBytes();
      if (length > Integer.MAX_VALUE - 16) {
        throw new IOException(
            file + ": " + DataShape.format(h.dims()) + " is too large to load (over 2 GB);"
                + " set limit to load fewer examples");
      }
      byte[] data = new byte[(int) length];
      int got = 0;
      try {
        while (got < data.length) {
          int r = in.read(data, got, data.length - got);
          if (r < 0) {
            break;
          }
          got += r;
        }
      } catch (EOFException | ZipException e) {
        throw new IOException(
            file + ": truncated or corrupt gzip data: it ends before the " + h.dataBytes()
                + " data bytes its header declares (" + e.getMessage() + ")", e);
      }
      if (got < data.length) {
        throw truncated(h, got);
      }
      return new Contents(h, data);
    }
  }

  private static IOException truncated(Header h, long dataBytes) {
    return new IOException(
        h.file() + ": truncated: the header declares " + DataShape.format(h.dims()) + " = "
            + h.dataBytes() + " data bytes but the file holds only " + Math.max(0, dataBytes));
  }

  /** A stream positioned at the first IDX byte (gunzipping if needed); see {@link #readHeader}. */
  private static InputStream open(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": not a file");
    }
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    try {
      in.mark(2);
      boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      return gzipped ? new Gunzipped(new GZIPInputStream(in, BUFFER)) : in;
    } catch (IOException e) {
      in.close();
      throw new IOException(file + ": starts like a gzip file but is not one (" + e.getMessage() + ")", e);
    }
  }

  /** Marks a stream as gunzipped, so headers can say so. */
  private static final class Gunzipped extends BufferedInputStream {
    Gunzipped(InputStream in) {
      super(in, BUFFER);
    }
  }

  private static Header readHeader(Path file, InputStream in) throws IOException {
    byte[] magic = readHeaderBytes(file, in, 4, 0);
    int type = magic[2] & 0xff;
    int ndims = magic[3] & 0xff;
    if (magic[0] != 0 || magic[1] != 0 || ndims < 1 || ndims > 4) {
      throw new IOException(
          file + ": bad magic number " + hex(magic)
              + "; not an IDX file (expected 0x00000801 for labels, 0x00000803 for images)");
    }
    if (type != UBYTE) {
      throw new IOException(
          file + ": bad magic number " + hex(magic) + ": IDX data type "
              + String.format("0x%02X", type) + " is not supported; only unsigned bytes (0x08)");
    }
    byte[] buf = readHeaderBytes(file, in, 4 * ndims, 4);
    int[] dims = new int[ndims];
    for (int i = 0; i < ndims; i++) {
      long d = ((buf[4 * i] & 0xffL) << 24) | ((buf[4 * i + 1] & 0xff) << 16)
          | ((buf[4 * i + 2] & 0xff) << 8) | (buf[4 * i + 3] & 0xff);
      if (d < 1 || d > Integer.MAX_VALUE) {
        throw new IOException(
            file + ": dimension " + (i + 1) + " in the header is " + d + "; must be at least 1");
      }
      dims[i] = (int) d;
    }
    return new Header(file, in instanceof Gunzipped, dims);
  }

  private static byte[] readHeaderBytes(Path file, InputStream in, int n, int offset) throws IOException {
    byte[] b = new byte[n];
    int got;
    try {
      got = in.readNBytes(b, 0, n);
    } catch (EOFException | ZipException e) {
      throw new IOException(
          file + ": truncated or corrupt gzip data in the header (" + e.getMessage() + ")", e);
    }
    if (got < n) {
      throw new IOException(
          file + ": truncated: the file ends after " + (offset + got) + " bytes, inside the IDX header");
    }
    return b;
  }

  private static String hex(byte[] b) {
    return String.format("0x%02X%02X%02X%02X", b[0], b[1], b[2], b[3]);
  }
}
