package dev.gantrack.trackers.tensorboard;

import java.util.zip.CRC32C;

/**
 * CRC-32C (Castagnoli) as TFRecord files use it: the plain checksum and the "masked" form stored
 * in the file, {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}, which keeps a checksum of data
 * that itself contains checksums from being trivially related to them.
 */
final class Crc32c {
  private static final int MASK_DELTA = 0xa282ead8;

  private Crc32c() {}

  /** The CRC-32C of {@code data[offset, offset + length)} (as an unsigned value in an int). */
  static int crc(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    return (int) crc.getValue();
  }

  /** The CRC-32C of all of {@code data}. */
  static int crc(byte[] data) {
    return crc(data, 0, data.length);
  }

  /** The TFRecord mask of a CRC. */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  /** Reverses {@link #mask(int)}. */
  static int unmask(int masked) {
    int rot = masked - MASK_DELTA;
    return (rot >>> 17) | (rot << 15);
  }

  /** The masked CRC-32C of {@code data[offset, offset + length)}, as stored in TFRecord files. */
  static int masked(byte[] data, int offset, int length) {
    return mask(crc(data, offset, length));
  }
}
