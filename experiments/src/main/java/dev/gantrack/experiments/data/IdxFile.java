package dev.gantrack.experiments.data;

import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.data.DataShape;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An open IDX file (the MNIST format), gzipped or plain, positioned after its header: a 4-byte
 * magic {@code 00 00 TT NN} with data type {@code TT} (only {@code 0x08}, unsigned byte, is
 * supported) and {@code NN} dimensions, then {@code NN} big-endian 32-bit sizes, then the data in
 * row-major order. Gzip is recognised by its magic bytes, not by the file name.
 *
 * <p>The data is streamed ({@link #read}) and never read past what the header declares plus one
 * byte ({@link #end}), so a gzip bomb costs no more than an honest file of its declared size. A
 * plain file's length is checked against its header when it is opened. Only regular files are
 * opened: a FIFO would block forever. Every problem is an {@link InvalidOptionException} for the
 * option that named the file, its message starting with the file; a missing file is a {@link
 * NoSuchFileException}.
 */
final class IdxFile implements Closeable {
  private static final int UBYTE = 0x08;
  private static final int BUFFER = 1 << 16;

  /** Receives the data in chunks. */
  interface Chunks {
    void accept(byte[] buffer, int offset, int length);
  }

  /** Chunks that are only read through. */
  static final Chunks SKIP = (buffer, offset, length) -> {};

  /** What a file's header says. */
  record Header(Path file, boolean gzipped, int[] dims) {
    /** Number of examples (the first dimension). */
    int count() {
      return dims[0];
    }

    /** Bytes per example (the product of the other dimensions), saturating at Long.MAX_VALUE. */
    long exampleBytes() {
      long n = 1;
      for (int i = 1; i < dims.length; i++) {
        n = n > Long.MAX_VALUE / dims[i] ? Long.MAX_VALUE : n * dims[i];
      }
      return n;
    }

    int headerBytes() {
      return 4 + 4 * dims.length;
    }

    /** "10000 images of 28×28 (7,840,000 bytes)" for {@code count} examples. */
    String declares(long count) {
      String noun = dims.length == 1 ? "labels" : dims.length == 2 ? "examples" : "images";
      String of = dims.length == 1 ? "" : " of " + DataShape.format(Arrays.copyOfRange(dims, 1, dims.length));
      long bytes = exampleBytes() > Long.MAX_VALUE / Math.max(1, count) ? Long.MAX_VALUE : count * exampleBytes();
      return count + " " + noun + of + " (" + (bytes == Long.MAX_VALUE ? "more than " : "") + bytes(bytes) + ")";
    }
  }

  private final String option;
  private final Header header;
  private final InputStream in;
  private long dataRead;

  private IdxFile(String option, Header header, InputStream in) {
    this.option = option;
    this.header = header;
    this.in = in;
  }

  /**
   * Opens {@code file} (named by {@code option} in the experiment) and reads its header; a plain
   * file must be exactly as long as its header says.
   */
  static IdxFile open(Path file, String option) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
    if (Files.isDirectory(file)) {
      throw DataProblem.of(option, file, "is a folder; " + option + " must name an IDX file");
    }
    if (!Files.isRegularFile(file)) {
      throw DataProblem.of(option, file, "not a regular file (a FIFO, socket or device); gantrack reads IDX data only from regular files");
    }
    InputStream in = stream(file, option);
    try {
      IdxFile idx = new IdxFile(option, readHeader(file, option, in), in);
      if (!idx.header.gzipped()) {
        idx.checkPlainLength(Files.size(file));
      }
      return idx;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The header. */
  Header header() {
    return header;
  }

  /** The first {@code maxExamples} examples' bytes (for tests and small files). */
  static byte[] readAll(Path file, String option, int maxExamples) throws IOException {
    try (IdxFile idx = open(file, option)) {
      int n = Math.min(idx.header.count(), maxExamples);
      long length = n * idx.header.exampleBytes();
      if (length > HeapBudget.MAX_ARRAY) {
        throw DataProblem.of(option, file, idx.header.declares(n) + " are too many to hold in one array");
      }
      byte[] data = new byte[(int) length];
      idx.read(length, into(data));
      if (n == idx.header.count()) {
        idx.end();
      }
      return data;
    }
  }

  /** Chunks copied one after another into {@code data}. */
  static Chunks into(byte[] data) {
    int[] at = {0};
    return (buffer, offset, length) -> {
      System.arraycopy(buffer, offset, data, at[0], length);
      at[0] += length;
    };
  }

  /** Reads the next {@code bytes} data bytes, handing them to {@code chunks}; fails if the data ends first. */
  void read(long bytes, Chunks chunks) throws IOException {
    byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, bytes))];
    long left = bytes;
    while (left > 0) {
      int r = readSome(buffer, (int) Math.min(buffer.length, left));
      if (r < 0) {
        throw problem("truncated: the header declares " + header.declares(header.count()) + " but "
            + follow(dataRead));
      }
      chunks.accept(buffer, 0, r);
      dataRead += r;
      left -= r;
    }
  }

  /**
   * After all the data the header declares has been read: fails if more follows. Reads at most
   * one byte more (a gzipped file's end also verifies its checksum).
   */
  void end() throws IOException {
    if (header.gzipped() && readSome(new byte[1], 1) >= 0) {
      throw problem("trailing data: the header declares " + header.declares(header.count())
          + " but more bytes follow; the header does not describe the data");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void checkPlainLength(long fileBytes) {
    long data = fileBytes - header.headerBytes();
    long declared = header.exampleBytes() > Long.MAX_VALUE / header.count()
        ? Long.MAX_VALUE : header.count() * header.exampleBytes();
    if (data != declared) {
      throw problem((data < declared ? "truncated" : "trailing data") + ": the header declares "
          + header.declares(header.count()) + " but " + follow(data));
    }
  }

  /** "1 byte", "7,840,000 bytes". */
  static String bytes(long n) {
    return HeapBudget.grouped(n) + (n == 1 ? " byte" : " bytes");
  }

  private static String follow(long n) {
    return bytes(n) + (n == 1 ? " follows" : " follow");
  }

  private int readSome(byte[] buffer, int length) throws IOException {
    try {
      return in.read(buffer, 0, length);
    } catch (EOFException e) {
      throw problem("truncated: the header declares " + header.declares(header.count())
          + " but the gzip data ends after " + bytes(dataRead) + " (" + e.getMessage() + ")");
    } catch (ZipException e) {
      throw problem("corrupt gzip data after " + bytes(dataRead) + " of data (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw problem("cannot read: " + e.getMessage());
    }
  }

  private InvalidOptionException problem(String text) {
    return DataProblem.of(option, header.file(), text);
  }

  /** A stream positioned at the first IDX byte, gunzipping if the file starts like gzip. */
  private static InputStream stream(Path file, String option) throws IOException {
    BufferedInputStream in;
    try {
      in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw DataProblem.of(option, file, "cannot read: " + e.getMessage());
    }
    try {
      in.mark(2);
      boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      return gzipped ? new Gunzipped(new GZIPInputStream(in, BUFFER)) : in;
    } catch (IOException e) {
      in.close();
      throw DataProblem.of(option, file, "starts like a gzip file but is not one (" + e.getMessage() + ")");
    }
  }

  /** Marks a stream as gunzipped, so headers can say so. */
  private static final class Gunzipped extends BufferedInputStream {
    Gunzipped(InputStream in) {
      super(in, BUFFER);
    }
  }

  private static Header readHeader(Path file, String option, InputStream in) throws IOException {
    byte[] magic = readHeaderBytes(file, option, in, 4, 0);
    int type = magic[2] & 0xff;
    int ndims = magic[3] & 0xff;
    if (magic[0] != 0 || magic[1] != 0 || ndims < 1 || ndims > 4) {
      throw DataProblem.of(option, file, "bad magic number " + hex(magic)
          + "; not an IDX file (expected 0x00000801 for labels, 0x00000803 for images)");
    }
    if (type != UBYTE) {
      throw DataProblem.of(option, file, "bad magic number " + hex(magic) + ": IDX data type "
          + String.format("0x%02X", type) + " is not supported; only unsigned bytes (0x08)");
    }
    byte[] buf = readHeaderBytes(file, option, in, 4 * ndims, 4);
    int[] dims = new int[ndims];
    for (int i = 0; i < ndims; i++) {
      long d = ((buf[4 * i] & 0xffL) << 24) | ((buf[4 * i + 1] & 0xff) << 16)
          | ((buf[4 * i + 2] & 0xff) << 8) | (buf[4 * i + 3] & 0xff);
      if (d < 1 || d > Integer.MAX_VALUE) {
        throw DataProblem.of(option, file, "dimension " + (i + 1) + " in the header is " + d
            + "; allowed 1 to " + Integer.MAX_VALUE);
      }
      dims[i] = (int) d;
    }
    return new Header(file, in instanceof Gunzipped, dims);
  }

  private static byte[] readHeaderBytes(Path file, String option, InputStream in, int n, int offset) throws IOException {
    byte[] b = new byte[n];
    int got;
    try {
      got = in.readNBytes(b, 0, n);
    } catch (EOFException | ZipException e) {
      throw DataProblem.of(option, file, "truncated or corrupt gzip data in the header (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw DataProblem.of(option, file, "cannot read: " + e.getMessage());
    }
    if (got < n) {
      throw DataProblem.of(option, file, "truncated: the file ends after " + (offset + got) + " bytes, inside the IDX header");
    }
    return b;
  }

  private static String hex(byte[] b) {
    return String.format("0x%02X%02X%02X%02X", b[0], b[1], b[2], b[3]);
  }
}
