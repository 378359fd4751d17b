package dev.gantrack.trackers.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Protobuf wire format, checked against the encodings in the protobuf documentation. */
class ProtoWriterTest {

  private static String hex(ProtoWriter w) {
    return HexFormat.of().formatHex(w.toByteArray());
  }

  @Test
  void varintFieldUsesSevenBitGroupsLeastSignificantFirst() {
    assertEquals("089601", hex(new ProtoWriter().varint(1, 150)));
    assertEquals("1000", hex(new ProtoWriter().varint(2, 0)));
  }

  @Test
  void negativeVarintTakesTenBytes() {
    assertEquals("08ffffffffffffffffff01", hex(new ProtoWriter().varint(1, -1)));
  }

  @Test
  void stringFieldIsLengthDelimitedUtf8() {
    assertEquals("120774657374696e67", hex(new ProtoWriter().string(2, "testing")));
    assertEquals("0a02c3a9", hex(new ProtoWriter().string(1, "é")));
  }

  @Test
  void doubleAndFloatAreLittleEndianFixedWidth() {
    assertEquals("09000000000000f03f", hex(new ProtoWriter().doubleField(1, 1.0)));
    assertEquals("150000803f", hex(new ProtoWriter().floatField(2, 1.0f)));
    assertEquals("150000c07f", hex(new ProtoWriter().floatField(2, Float.NaN)));
  }

  @Test
  void nestedMessageIsLengthDelimited() {
    ProtoWriter inner = new ProtoWriter().varint(1, 150);
    assertEquals("1a03089601", hex(new ProtoWriter().message(3, inner)));
    assertEquals("1a00", hex(new ProtoWriter().message(3, new ProtoWriter())));
  }

  @Test
  void packedDoublesShareOneLengthDelimitedField() {
    assertEquals(
        "3210000000000000f03f0000000000000040",
        hex(new ProtoWriter().packedDoubles(6, new double[] {1.0, 2.0})));
    assertArrayEquals(new byte[0], new ProtoWriter().packedDoubles(6, new double[0]).toByteArray());
  }

  @Test
  void ifSetHelpersSkipDefaults() {
    assertEquals("", hex(new ProtoWriter().varintIfSet(2, 0).stringIfSet(3, "").doubleIfSet(1, 0.0)));
    assertEquals("1005", hex(new ProtoWriter().varintIfSet(2, 5)));
  }

  @Test
  void fieldNumberZeroIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new ProtoWriter().varint(0, 1));
  }

  @Test
  void largeFieldsGrowTheBuffer() {
    byte[] big = new byte[100_000];
    ProtoWriter w = new ProtoWriter().bytes(4, big);
    assertEquals(1 + 3 + big.length, w.size());
  }
}
