package dev.gantrack.djl.listener;

import com.google.inject.Inject;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.track.Tracker;
import dev.gantrack.djl.spi.listener.GanTrainingListener;
import dev.gantrack.djl.spi.listener.StepOutcome;
import dev.gantrack.djl.spi.listener.TrainingProgress;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What each step costs the host, when the JNI call counter agent is loaded
 * ({@code -javaagent:gantrack-djl-jni-calls.jar}, as the benchmarks do; otherwise this listener does
 * nothing): every {@code training.log-every} steps, averages over the steps since the last log of the
 * calls into PyTorch's native library ({@code jni_calls_per_step}), of those that wait for tensor values
 * on the host ({@code host_syncs_per_step}) or copy host memory in ({@code host_copies_per_step}), the
 * training thread's CPU time ({@code cpu_ms_per_step}) and its Java allocations ({@code alloc_kb_per_step}).
 * All are read from counters: no tensor work, no sync.
 */
public final class StepCosts implements GanTrainingListener {
  /** The keys it logs: measurements of the host, which differ from run to run (never compare them as results). */
  public static final Set<String> KEYS =
      Set.of("jni_calls_per_step", "host_syncs_per_step", "host_copies_per_step", "cpu_ms_per_step", "alloc_kb_per_step");
  static final String AGENT_MBEAN = "dev.gantrack:type=JniCalls";
  private final int logEvery;
  private final Tracker tracker;
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private ObjectName agent;
  private long[] window;
  private long windowSteps;

  @Inject
  StepCosts(TrainingSpec training, Tracker tracker) {
    this.logEvery = training.logEvery();
    this.tracker = tracker;
  }

  @Override
  public void onTrainingBegin(TrainingProgress progress) {
    try {
      ObjectName name = new ObjectName(AGENT_MBEAN);
      agent = server.isRegistered(name) ? name : null;
    } catch (JMException e) {
      agent = null;
    }
    if (agent != null) {
      window = read();
    }
  }

  @Override
  public void onStep(StepOutcome outcome) {
    if (agent == null) {
      return;
    }
    windowSteps++;
    if (!outcome.atCadence(logEvery)) {
      return;
    }
    long[] now = read();
    double n = windowSteps;
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("jni_calls_per_step", (now[0] - window[0]) / n);
    values.put("host_syncs_per_step", (now[1] - window[1]) / n);
    values.put("host_copies_per_step", (now[2] - window[2]) / n);
    values.put("cpu_ms_per_step", (now[3] - window[3]) / n / 1e6);
    values.put("alloc_kb_per_step", (now[4] - window[4]) / n / 1024);
    window = now;
    windowSteps = 0;
    tracker.onMetrics(outcome.step(), values);
  }

  /** Total calls, host syncs, host copies, thread CPU ns, thread allocated bytes. */
  private long[] read() {
    try {
      long id = Thread.currentThread().getId();
      return new long[] {(Long) server.getAttribute(agent, "Total"), (Long) server.getAttribute(agent, "HostSyncs"),
          (Long) server.getAttribute(agent, "HostToDevice"), threads.getCurrentThreadCpuTime(),
          threads.getThreadAllocatedBytes(id)};
    } catch (JMException e) {
      throw new IllegalStateException("cannot read the JNI call counts: " + e, e);
    }
  }
}
