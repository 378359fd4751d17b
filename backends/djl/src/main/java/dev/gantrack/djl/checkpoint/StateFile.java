package dev.gantrack.djl.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.djl.spi.state.StateWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One part's state in one file: a header ({@code GTST}, format 1), the part's values as a JSON object,
 * then each array as its name, data type, shape and raw bytes (the engine's byte order, little-endian
 * on every platform gantrack runs on). Written by a {@link Collected} writer, read back whole.
 */
final class StateFile {
  private static final int MAGIC = 0x47545354; // "GTST"
  private static final int FORMAT = 1;

  private StateFile() {}

  /** An array copied to the host. */
  record HostArray(DataType type, Shape shape, byte[] bytes) {}

  /** What a part wrote: its values (as JSON) and its arrays (host copies), in order. */
  record Content(ObjectNode values, Map<String, HostArray> arrays) {}

  /** A {@link StateWriter} that copies everything a part writes to the host at once. */
  static final class Collected implements StateWriter {
    private final ObjectMapper json;
    private final String part;
    private final ObjectNode values;
    private final Map<String, HostArray> arrays = new LinkedHashMap<>();

    Collected(ObjectMapper json, String part) {
      this.json = json;
      this.part = part;
      this.values = json.createObjectNode();
    }

    @Override
    public void array(String name, NDArray array) {
      unique(name);
      arrays.put(name, new HostArray(array.getDataType(), array.getShape(), array.toByteArray()));
    }

    @Override
    public void value(String name, Object value) {
      unique(name);
      values.set(name, json.valueToTree(value));
    }

    private void unique(String name) {
      if (values.has(name) || arrays.containsKey(name)) {
        throw new IllegalStateException(part + ": saves '" + name + "' twice");
      }
    }

    Content content() {
      return new Content(values, arrays);
    }
  }

  static void write(OutputStream stream, Content content, ObjectMapper json) throws IOException {
    DataOutputStream out = new DataOutputStream(stream);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    byte[] values = json.writeValueAsBytes(content.values());
    out.writeInt(values.length);
    out.write(values);
    out.writeInt(content.arrays().size());
    for (Map.Entry<String, HostArray> e : content.arrays().entrySet()) {
      HostArray a = e.getValue();
      out.writeUTF(e.getKey());
      out.writeUTF(a.type().name());
      long[] dims = a.shape().getShape();
      out.writeInt(dims.length);
      for (long d : dims) {
        out.writeLong(d);
      }
      out.writeLong(a.bytes().length);
      out.write(a.bytes());
    }
    out.flush();
  }

  static Content read(InputStream stream, ObjectMapper json) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    if (in.readInt() != MAGIC) {
      throw new IOException("not a gantrack state file");
    }
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IOException("state file format " + format + "; this gantrack reads format " + FORMAT);
    }
    byte[] values = new byte[checkedLength(in.readInt())];
    in.readFully(values);
    JsonNode tree = json.readTree(new String(values, StandardCharsets.UTF_8));
    if (!(tree instanceof ObjectNode obj)) {
      throw new IOException("state file values are not a JSON object");
    }
    int count = in.readInt();
    Map<String, HostArray> arrays = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      DataType type;
      try {
        type = DataType.valueOf(in.readUTF());
      } catch (IllegalArgumentException e) {
        throw new IOException("array " + name + ": unknown data type", e);
      }
      long[] dims = new long[in.readInt()];
      for (int d = 0; d < dims.length; d++) {
        dims[d] = in.readLong();
      }
      byte[] bytes = new byte[checkedLength(in.readLong())];
      in.readFully(bytes);
      arrays.put(name, new HostArray(type, new Shape(dims), bytes));
    }
    return new Content(obj, arrays);
  }

  /** Names of the values and arrays, for messages. */
  static String names(Content c) {
    StringBuilder sb = new StringBuilder();
    for (Iterator<String> it = c.values().fieldNames(); it.hasNext(); ) {
      sb.append(sb.length() == 0 ? "" : ", ").append(it.next());
    }
    for (String a : c.arrays().keySet()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(a);
    }
    return sb.toString();
  }

  private static int checkedLength(long n) throws IOException {
    if (n < 0 || n > Integer.MAX_VALUE - 16) {
      throw new IOException("an entry of " + n + " bytes");
    }
    return (int) n;
  }
}
