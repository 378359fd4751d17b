package dev.gantrack.jnicalls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The counters: one per native method of {@code PyTorchLibrary}, numbered as call sites are rewritten.
 * {@link #count(int)} is what every rewritten call site calls just before the native call.
 */
public final class JniCalls implements JniCallsMBean {
  /** The MBean's name in the platform MBean server. */
  public static final String OBJECT_NAME = "dev.gantrack:type=JniCalls";

  /** Natives that read tensor values to the host, or whose output shape depends on them (a sync on a GPU). */
  public static final Set<String> HOST_SYNCS = Set.of("torchDataPtr", "torchDirectByteBuffer", "contentEqual",
      "torchNonZeros", "torchMaskedSelect", "torchUnique", "iValueToBool", "iValueToLong", "iValueToDouble");

  /** Natives that copy host memory into a tensor. */
  public static final Set<String> HOST_TO_DEVICE = Set.of("torchFromBlob", "torchSet");

  static final JniCalls INSTANCE = new JniCalls();
  private static final int MAX_METHODS = 1024;
  private static final AtomicLongArray COUNTS = new AtomicLongArray(MAX_METHODS);
  private static final List<String> NAMES = new ArrayList<>();
  private static final Map<String, LongAdder> SITES = new ConcurrentHashMap<>();
  private static final StackWalker WALKER = StackWalker.getInstance();
  private static volatile boolean sites;

  private JniCalls() {}

  /** Counts one call of native method {@code id}; called from rewritten call sites. */
  public static void count(int id) {
    COUNTS.incrementAndGet(id);
    if (sites) {
      String site = WALKER.walk(frames -> frames.skip(1)
          .filter(f -> !f.getClassName().startsWith("ai.djl.pytorch.jni.")
              && !f.getClassName().startsWith("ai.djl.pytorch.engine.PtNDArray")
              && !f.getClassName().startsWith("ai.djl.ndarray.NDArray"))
          .findFirst().map(f -> f.getClassName() + "." + f.getMethodName()).orElse("?"));
      SITES.computeIfAbsent(name(id) + " <- " + site, k -> new LongAdder()).increment();
    }
  }

  static void countSites() {
    sites = true;
  }

  private static synchronized String name(int id) {
    return NAMES.get(id);
  }

  /** Prints the counts by name and, when counted, by site, largest first. */
  static void print() {
    System.err.println("gantrack-djl-jni-calls: " + INSTANCE.getTotal() + " calls, " + INSTANCE.getHostSyncs()
        + " host syncs, " + INSTANCE.getHostToDevice() + " host copies");
    INSTANCE.getByName().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> System.err.printf("  %10d  %s%n", e.getValue(), e.getKey()));
    SITES.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum())).limit(80)
        .forEach(e -> System.err.printf("  %10d  %s%n", e.getValue().sum(), e.getKey()));
  }

  /** The id of native method {@code name}, assigned on first sight. */
  static synchronized int idOf(String name) {
    int id = NAMES.indexOf(name);
    if (id >= 0) {
      return id;
    }
    if (NAMES.size() == MAX_METHODS) {
      throw new IllegalStateException("more than " + MAX_METHODS + " native methods");
    }
    NAMES.add(name);
    return NAMES.size() - 1;
  }

  static ObjectName objectName() {
    try {
      return new ObjectName(OBJECT_NAME);
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public long getTotal() {
    return sum(null);
  }

  @Override
  public long getHostSyncs() {
    return sum(HOST_SYNCS);
  }

  @Override
  public long getHostToDevice() {
    return sum(HOST_TO_DEVICE);
  }

  @Override
  public synchronized Map<String, Long> getByName() {
    Map<String, Long> out = new TreeMap<>();
    for (int i = 0; i < NAMES.size(); i++) {
      long n = COUNTS.get(i);
      if (n > 0) {
        out.put(NAMES.get(i), n);
      }
    }
    return out;
  }

  private synchronized long sum(Set<String> names) {
    long total = 0;
    for (int i = 0; i < NAMES.size(); i++) {
      if (names == null || names.contains(NAMES.get(i))) {
        total += COUNTS.get(i);
      }
    }
    return total;
  }
}
