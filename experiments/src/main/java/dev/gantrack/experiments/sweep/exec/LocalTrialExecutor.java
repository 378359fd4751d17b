package dev.gantrack.experiments.sweep.exec;

import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Runs trials on this machine, each in a child JVM ({@link TrialProcess}). With GPUs, {@code
 * parallel} trials (default: one per GPU) each see one GPU, slot i the i-th (round robin when there
 * are more slots than GPUs); on the CPU, the cores are divided between the trials that run at once
 * (PyTorch intra-op threads = cores / parallel, at least 1), so that two trials do not oversubscribe
 * the machine.
 */
public final class LocalTrialExecutor implements TrialExecutor {
  private final int slots;
  private final int threads;
  private final List<String> gpus;

  /**
   * @param parallel trials at once, 0 for one per device (each GPU, or the CPU)
   * @param cores the cores to divide between trials
   * @param gpus the GPUs' indices, empty to train on the CPU
   */
  public LocalTrialExecutor(int parallel, int cores, List<String> gpus) {
    this.gpus = List.copyOf(gpus);
    this.slots = parallel > 0 ? parallel : Math.max(1, gpus.size());
    this.threads = Math.max(1, cores / slots);
  }

  @Override
  public int slots() {
    return slots;
  }

  /** PyTorch intra-op threads per trial. */
  public int threadsPerTrial() {
    return threads;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "here, %d at a time, %s", slots, gpus.isEmpty()
        ? threads + " CPU thread" + (threads == 1 ? "" : "s") + " each"
        : "one GPU each (" + String.join(", ", gpus) + ")");
  }

  @Override
  public int run(TrialJob job, BooleanSupplier stop) throws Exception {
    String gpu = gpus.isEmpty() ? null : gpus.get(job.slot() % gpus.size());
    return TrialProcess.run(TrialLauncher.argv(threads), TrialLauncher.env(threads, gpu), job.payload().toJson(),
        job.runDirectory(), stop);
  }
}
