package dev.gantrack.trackers.tensorboard;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal protobuf wire-format encoder: enough for TensorBoard's event protos without generated
 * classes. Fields are appended in call order; nested messages are encoded by a separate writer and
 * appended with {@link #message(int, ProtoWriter)}.
 *
 * <p>Like proto3 encoders, the {@code …IfSet} helpers skip default values; the plain ones always
 * write (a decoder treats an explicit default exactly like an absent field).
 */
final class ProtoWriter {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private byte[] buf = new byte[64];
  private int size;

  /** Number of bytes written so far. */
  int size() {
    return size;
  }

  /** A copy of the encoded bytes. */
  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** A varint field (int32, int64, uint64, enum); negative values take 10 bytes, as in protobuf. */
  ProtoWriter varint(int field, long value) {
    tag(field, VARINT);
    rawVarint(value);
    return this;
  }

  /** {@link #varint} unless {@code value} is 0. */
  ProtoWriter varintIfSet(int field, long value) {
    return value == 0 ? this : varint(field, value);
  }

  /** A bool field. */
  ProtoWriter bool(int field, boolean value) {
    return varint(field, value ? 1 : 0);
  }

  /** A double field (fixed64, IEEE 754 little-endian). */
  ProtoWriter doubleField(int field, double value) {
    tag(field, FIXED64);
    rawFixed64(Double.doubleToRawLongBits(value));
    return this;
  }

  /** {@link #doubleField} unless {@code value} is +0.0. */
  ProtoWriter doubleIfSet(int field, double value) {
    return Double.doubleToRawLongBits(value) == 0L ? this : doubleField(field, value);
  }

  /** A float field (fixed32, IEEE 754 little-endian). */
  ProtoWriter floatField(int field, float value) {
    tag(field, FIXED32);
    rawFixed32(Float.floatToRawIntBits(value));
    return this;
  }

  /** A string field, UTF-8 encoded. */
  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #string} unless {@code value} is null or empty. */
  ProtoWriter stringIfSet(int field, String value) {
    return value == null || value.isEmpty() ? this : string(field, value);
  }

  /** A bytes field. */
  ProtoWriter bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    rawVarint(value.length);
    ensure(value.length);
    System.arraycopy(value, 0, buf, size, value.length);
    size += value.length;
    return this;
  }

  /** An embedded message field (written even when {@code message} is empty). */
  ProtoWriter message(int field, ProtoWriter message) {
    tag(field, LENGTH_DELIMITED);
    rawVarint(message.size);
    ensure(message.size);
    System.arraycopy(message.buf, 0, buf, size, message.size);
    size += message.size;
    return this;
  }

  /** A packed repeated double field; nothing when {@code values} is empty. */
  ProtoWriter packedDoubles(int field, double[] values) {
    if (values.length == 0) {
      return this;
    }
    tag(field, LENGTH_DELIMITED);
    rawVarint(8L * values.length);
    for (double v : values) {
      rawFixed64(Double.doubleToRawLongBits(v));
    }
    return this;
  }

  private void tag(int field, int wireType) {
    if (field < 1 || field > 536_870_911) {
      throw new IllegalArgumentException("field number " + field);
    }
    rawVarint(((long) field << 3) | wireType);
  }

  private void rawVarint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  private void rawFixed64(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
  }

  private void rawFixed32(int v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }
}
