package dev.gantrack.experiments.sweep.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A trial's child JVM ({@code gantrack trial -}): started with the trial's payload on its standard
 * input and its output in the run folder's {@code console.log}; asked to stop with SIGTERM, which
 * the child handles as Ctrl-C (the run ends KILLED, its folder complete), and killed if it has not
 * ended {@value #GRACE_SECONDS} s later. A trial in a process of its own cannot take its sweep down
 * (a native crash, running out of memory), and PyTorch's thread pools, which are one per process,
 * can be sized per trial.
 *
 * <p>Uses the JDK alone: a Spark executor loads this class without gantrack's libraries.
 */
public final class TrialProcess {
  /** Seconds a stopped trial has to end on its own. */
  public static final int GRACE_SECONDS = 25;

  private TrialProcess() {}

  /**
   * Runs {@code argv} with {@code env} added to this process's environment, feeds it {@code
   * payload}, and returns its exit code. The thread's interruption (a Spark job cancelled) stops it
   * as {@code stop} does, then the interruption is passed on.
   */
  public static int run(List<String> argv, Map<String, String> env, String payload, Path runDir, BooleanSupplier stop)
      throws IOException, InterruptedException {
    Files.createDirectories(runDir);
    ProcessBuilder pb = new ProcessBuilder(argv)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("console.log").toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(payload.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the child ended before reading its payload: its exit code and console.log say why
    }
    try {
      while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
        if (stop.getAsBoolean()) {
          return stop(p);
        }
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      stop(p);
      throw e;
    }
  }

  private static int stop(Process p) throws InterruptedException {
    p.destroy();
    boolean interrupted = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
    while (p.isAlive() && System.nanoTime() < deadline) {
      try {
        p.waitFor(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        interrupted = true; // keep waiting: the child is writing its last records
      }
    }
    if (p.isAlive()) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return p.isAlive() ? -1 : p.exitValue();
  }
}
