package dev.gantrack.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.InvalidOptionException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;

/** Builds bad data files at test time and checks how a dataset rejects them. */
final class DataFiles {
  /** How long any check of a bad file may take. */
  static final Duration QUICK = Duration.ofSeconds(3);

  private DataFiles() {}

  /** An IDX header (magic {@code 0x0800 | dims.length}, unsigned bytes) followed by {@code body}. */
  static byte[] idx(int[] dims, byte[] body) throws IOException {
    return idx(0x800 | dims.length, dims, body);
  }

  /** An IDX header with {@code magic} and {@code dims}, followed by {@code body}. */
  static byte[] idx(int magic, int[] dims, byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(body);
    return bytes.toByteArray();
  }

  static Path write(Path file, byte[] content, boolean gzip) throws IOException {
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(content);
    }
    return file;
  }

  /**
   * A gzip file that expands to {@code start} followed by {@code copies × 64 MB} of zeros, small on
   * disk: 64 MB of zeros are compressed once (about 64 KB) and the member written {@code copies}
   * times (gzip readers concatenate members).
   */
  static Path gzipBomb(Path file, byte[] start, int copies) throws IOException {
    ByteArrayOutputStream zeros = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zeros, 1 << 16)) {
      byte[] block = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gz.write(block);
      }
    }
    byte[] member = zeros.toByteArray();
    try (OutputStream out = Files.newOutputStream(file)) {
      ByteArrayOutputStream first = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(first)) {
        gz.write(start);
      }
      out.write(first.toByteArray());
      for (int i = 0; i < copies; i++) {
        out.write(member);
      }
    }
    return file;
  }

  /** A named pipe made with {@code mkfifo}; the test is skipped where there is none. */
  static Path fifo(Path file) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("no mkfifo here: " + e.getMessage());
      throw e;
    }
    Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
    return file;
  }

  /** A PNG whose IHDR declares {@code width × height} RGB pixels, with one tiny IDAT: never decodable in full. */
  static byte[] pngDeclaring(int width, int height) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(png);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(ihdr);
    h.writeInt(width);
    h.writeInt(height);
    h.write(new byte[] {8, 2, 0, 0, 0}); // 8 bits, RGB, deflate, adaptive filter, no interlace
    chunk(out, "IHDR", ihdr.toByteArray());
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater())) {
      z.write(new byte[1000]);
    }
    chunk(out, "IDAT", idat.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.writeInt(data.length);
    out.write(t);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }

  /**
   * Runs {@code check}, which must fail within {@link #QUICK} with an {@link InvalidOptionException}
   * for {@code option} whose message starts with {@code file}; returns it.
   */
  static InvalidOptionException rejects(String option, Path file, Executable check) {
    InvalidOptionException e = assertTimeoutPreemptively(QUICK,
        () -> assertThrows(InvalidOptionException.class, check), "the check must fail within " + QUICK);
    assertEquals(option, e.option(), e.getMessage());
    assertTrue(e.problem().startsWith(file + ": "), "names the file " + file + ": " + e.problem());
    return e;
  }
}
