package dev.gantrack.trackers.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A strict TFRecord reader for tests: asserts both CRCs of every record. */
final class Records {
  private Records() {}

  static List<byte[]> read(Path file) {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<byte[]> parse(byte[] bytes) {
    List<byte[]> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 0;
    while (pos < bytes.length) {
      assertTrue(bytes.length - pos >= 16, "truncated record at " + pos);
      long len = b.getLong(pos);
      assertEquals(Crc32c.masked(bytes, pos, 8), b.getInt(pos + 8), "length crc at " + pos);
      int start = pos + 12;
      assertTrue(start + len + 4 <= bytes.length, "truncated data at " + pos);
      assertEquals(Crc32c.masked(bytes, start, (int) len), b.getInt(start + (int) len), "data crc at " + pos);
      out.add(Arrays.copyOfRange(bytes, start, start + (int) len));
      pos = start + (int) len + 4;
    }
    return out;
  }
}
