package dev.gantrack.jnicalls;

import java.util.Map;

/** What the agent publishes as the MBean {@link JniCalls#OBJECT_NAME}; every figure counts since the JVM started. */
public interface JniCallsMBean {
  /** Calls into PyTorch's native library, of any kind. */
  long getTotal();

  /**
   * Calls that wait for a tensor's values on the host (a device sync on a GPU): reading a tensor's data,
   * comparing contents, and ops whose output size depends on the data ({@link JniCalls#HOST_SYNCS}).
   */
  long getHostSyncs();

  /** Copies of host memory into a tensor ({@link JniCalls#HOST_TO_DEVICE}). */
  long getHostToDevice();

  /** Calls by native method name (overloads together), only names called at least once. */
  Map<String, Long> getByName();
}
