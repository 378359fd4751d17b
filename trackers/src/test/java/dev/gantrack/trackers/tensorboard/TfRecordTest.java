package dev.gantrack.trackers.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** CRC-32C, its TFRecord masking and the record framing; expected values from TensorBoard's own Python code. */
class TfRecordTest {

  private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void crc32cOfTheStandardCheckStringIsE3069283() {
    assertEquals(0xE3069283, Crc32c.crc(CHECK));
  }

  @Test
  void maskRotatesRightBy15AndAddsA282ead8() {
    int crc = 0xE3069283;
    assertEquals(((crc >>> 15) | (crc << 17)) + 0xa282ead8, Crc32c.mask(crc));
    // tensorboard.compat.tensorflow_stub.pywrap_tensorflow.masked_crc32c(b"123456789")
    assertEquals(0xc78ab0e5, Crc32c.masked(CHECK, 0, CHECK.length));
  }

  @Test
  void unmaskInvertsMask() {
    for (int crc : new int[] {0, 1, -1, 0xE3069283, 0x7fffffff, 0x80000000}) {
      assertEquals(crc, Crc32c.unmask(Crc32c.mask(crc)));
    }
  }

  @Test
  void maskedCrcOfEmptyDataIsTheMaskDelta() {
    assertEquals(0xa282ead8, Crc32c.masked(new byte[0], 0, 0));
  }

  @Test
  void recordIsLittleEndianLengthMaskedLengthCrcDataAndMaskedDataCrc() {
    byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
    byte[] record = TfRecord.frame(data);
    assertEquals(data.length + 16, record.length);
    ByteBuffer b = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(5L, b.getLong(0));
    // masked_crc32c(struct.pack("<Q", 5)) and masked_crc32c(b"hello") in TensorBoard's Python
    assertEquals(0x3e04b2ea, b.getInt(8));
    assertArrayEquals(data, Arrays.copyOfRange(record, 12, 17));
    assertEquals(0x191c1fbb, b.getInt(17));
  }

  @Test
  void emptyRecordHasOnlyTheFraming() {
    byte[] record = TfRecord.frame(new byte[0]);
    ByteBuffer b = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(16, record.length);
    assertEquals(0L, b.getLong(0));
    assertEquals(0x07980329, b.getInt(8));
    assertEquals(0xa282ead8, b.getInt(12));
  }

  @Test
  void framedRecordsReadBackInOrder() {
    byte[] a = TfRecord.frame(new byte[] {1, 2, 3});
    byte[] b = TfRecord.frame(new byte[300]);
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    var records = Records.parse(both);
    assertEquals(2, records.size());
    assertArrayEquals(new byte[] {1, 2, 3}, records.get(0));
    assertArrayEquals(new byte[300], records.get(1));
  }
}
