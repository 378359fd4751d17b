package dev.gantrack.experiments.sweep.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of a trial's child JVM: this JVM's {@code java} and class path
 * running {@code gantrack trial -}, heap from {@value #JAVA_OPTS_ENV} (default {@value
 * #DEFAULT_JAVA_OPTS}), PyTorch's intra-op pool sized to the trial's share of the cores (one
 * inter-op thread, OpenMP and MKL told the same), and the trial's GPU: {@code CUDA_VISIBLE_DEVICES}
 * set to its address, so that the child's first GPU ({@code device: auto} or {@code gpu}) is the one
 * it was given.
 *
 * <p>Uses the JDK alone: a Spark executor loads this class without gantrack's libraries.
 */
public final class TrialLauncher {
  /** JVM options of trials (split at spaces). */
  public static final String JAVA_OPTS_ENV = "GANTRACK_TRIAL_JAVA_OPTS";
  /** A trial's JVM options unless {@value #JAVA_OPTS_ENV} says otherwise. */
  public static final String DEFAULT_JAVA_OPTS = "-Xmx2g";
  /** The CLI's main class. */
  public static final String MAIN = "dev.gantrack.experiments.cli.Gantrack";

  private TrialLauncher() {}

  /** The child's command line, with {@code threads} intra-op threads and this JVM's class path. */
  public static List<String> argv(int threads) {
    return argv(threads, System.getProperty("java.class.path"), Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The child's command line with the given class path and {@code java} binary. */
  public static List<String> argv(int threads, String classPath, String java) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    String opts = System.getenv(JAVA_OPTS_ENV);
    for (String o : (opts == null || opts.isBlank() ? DEFAULT_JAVA_OPTS : opts).trim().split("\\s+")) {
      cmd.add(o);
    }
    for (String property : List.of("ai.djl.offline", "gantrack.home")) {
      String v = System.getProperty(property);
      if (v != null) {
        cmd.add("-D" + property + "=" + v);
      }
    }
    cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
    cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(MAIN);
    cmd.add("trial");
    cmd.add("-");
    return cmd;
  }

  /** The variables the child gets besides its parent's: its thread count and, when it has one, its GPU. */
  public static Map<String, String> env(int threads, String gpuAddress) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OMP_NUM_THREADS", String.valueOf(threads));
    env.put("MKL_NUM_THREADS", String.valueOf(threads));
    if (gpuAddress != null) {
      env.put("CUDA_VISIBLE_DEVICES", gpuAddress);
      env.put("GANTRACK_GPU_ADDRESS", gpuAddress);
    }
    return env;
  }
}
