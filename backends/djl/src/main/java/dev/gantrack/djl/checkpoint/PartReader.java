package dev.gantrack.djl.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.djl.spi.state.StateReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One part's saved state as {@link dev.gantrack.djl.spi.state.RunState#restore} reads it; temporaries go to {@code scratch}. */
final class PartReader implements StateReader {
  private static final NDIndex ALL = new NDIndex("...");
  private final String part;
  private final StateFile.Content content;
  private final ObjectMapper json;
  private final NDManager scratch;

  PartReader(String part, StateFile.Content content, ObjectMapper json, NDManager scratch) {
    this.part = part;
    this.content = content;
    this.json = json;
    this.scratch = scratch;
  }

  @Override
  public void arrayInto(String name, NDArray target) {
    StateFile.HostArray saved = content.arrays().get(name);
    if (saved == null) {
      throw new IllegalStateException(part + ": the checkpoint holds no array '" + name + "' (it holds "
          + StateFile.names(content) + ")");
    }
    if (!saved.shape().equals(target.getShape()) || saved.type() != target.getDataType()) {
      throw new IllegalStateException(part + ": '" + name + "' was saved as " + saved.type() + " " + saved.shape()
          + "; the run has " + target.getDataType() + " " + target.getShape());
    }
    ByteBuffer buf = ByteBuffer.allocateDirect(saved.bytes().length).order(ByteOrder.nativeOrder());
    buf.put(saved.bytes()).flip();
    NDArray value = scratch.create(buf, saved.shape(), saved.type());
    target.set(ALL, value);
  }

  @Override
  public <T> T value(String name, Class<T> type) {
    JsonNode node = content.values().get(name);
    if (node == null) {
      throw new IllegalStateException(part + ": the checkpoint holds no value '" + name + "' (it holds "
          + StateFile.names(content) + ")");
    }
    try {
      return json.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(part + ": '" + name + "' cannot be read as " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }

  @Override
  public boolean has(String name) {
    return content.values().has(name) || content.arrays().containsKey(name);
  }
}
