package dev.gantrack.djl.spi.state;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.PublicApi;

/**
 * What a {@link RunState} reads back during {@link RunState#restore}: the entries its {@link
 * RunState#save} wrote in the checkpoint being resumed. A missing entry or an array of another shape
 * or data type is an {@link IllegalStateException} naming the part and the entry.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface StateReader {
  /** Copies the saved array {@code name} into {@code target}, in place; shape and data type must match. */
  void arrayInto(String name, NDArray target);

  /** The saved value {@code name}, read as {@code type} (the type {@link StateWriter#value} was given, or a compatible one). */
  <T> T value(String name, Class<T> type);

  /** True when the checkpoint holds an entry {@code name} of this part (an array or a value). */
  boolean has(String name);
}
