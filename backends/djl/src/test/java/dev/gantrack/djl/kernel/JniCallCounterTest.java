package dev.gantrack.djl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The JNI call counter agent these tests run with (surefire's argLine): each call into PyTorch's native
 * library is counted once, by name, and reading a tensor's values counts as a host sync.
 */
class JniCallCounterTest {
  static final String MBEAN = "dev.gantrack:type=JniCalls";

  /** The agent's MBean; fails when the JVM runs without the agent. */
  static ObjectName agent() throws Exception {
    ObjectName name = new ObjectName(MBEAN);
    assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(name),
        "run with -javaagent:backends/djl-jni-calls/target/gantrack-djl-jni-calls-<version>.jar (Maven does)");
    return name;
  }

  /** Total, host syncs, host copies, and the count of native method {@code name}. */
  static long[] counts(ObjectName agent, String name) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    @SuppressWarnings("unchecked")
    Map<String, Long> byName = (Map<String, Long>) server.getAttribute(agent, "ByName");
    return new long[] {(Long) server.getAttribute(agent, "Total"), (Long) server.getAttribute(agent, "HostSyncs"),
        (Long) server.getAttribute(agent, "HostToDevice"), byName.getOrDefault(name, 0L)};
  }

  @Test
  void countsEachNativeCallByNameAndReadsOfValuesAsHostSyncs() throws Exception {
    ObjectName agent = agent();
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.create(new float[] {1f}).close(); // engine and classes loaded
      long[] before = counts(agent, "torchAdd");
      NDArray a = m.create(new float[] {1f, 2f, 3f});
      NDArray b = a.add(a);
      long[] afterOps = counts(agent, "torchAdd");
      assertEquals(1, afterOps[2] - before[2], "one host-to-device copy (create)");
      assertEquals(1, afterOps[3] - before[3], "one torchAdd");
      assertEquals(0, afterOps[1] - before[1], "no host sync yet");
      assertTrue(afterOps[0] - before[0] >= 2, "at least the copy and the add");
      assertEquals(12f, b.sum().getFloat());
      long[] afterRead = counts(agent, "torchAdd");
      assertEquals(1, afterRead[1] - afterOps[1], "reading a value is one host sync");
    }
  }
}
