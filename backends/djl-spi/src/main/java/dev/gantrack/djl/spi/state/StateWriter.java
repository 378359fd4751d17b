package dev.gantrack.djl.spi.state;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.PublicApi;

/**
 * Where a {@link RunState} writes its state during {@link RunState#save}. Names are the part's own
 * (unique within the part); each may be written once per save.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface StateWriter {
  /** The values of {@code array} as they are now (copied to the host during the call; the array is not kept). */
  void array(String name, NDArray array);

  /**
   * A host value that round-trips through JSON: a number, a string, a boolean, a list or map of these,
   * or a record whose components are (Jackson annotations may rename them).
   */
  void value(String name, Object value);
}
