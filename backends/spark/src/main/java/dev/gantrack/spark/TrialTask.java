package dev.gantrack.spark;

import dev.gantrack.experiments.sweep.exec.TrialLauncher;
import dev.gantrack.experiments.sweep.exec.TrialProcess;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.resource.ResourceInformation;

/**
 * The task of a trial's job, on an executor: reads the GPU addresses Spark gave it ({@code
 * TaskContext.resources()}), runs the trial's child JVM with those GPUs visible ({@code
 * CUDA_VISIBLE_DEVICES}), and returns how it ended as a value ({@link TaskResult}); a cancelled job
 * interrupts it, which stops the trial (KILLED). Loads only Spark's classes and two of gantrack's
 * that use the JDK alone, so the executor needs nothing else of gantrack on its class path.
 */
final class TrialTask implements Function<TrialTaskInput, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String call(TrialTaskInput in) {
    String host = "?";
    String gpu = null;
    try {
      host = InetAddress.getLocalHost().getHostName();
      TaskContext ctx = TaskContext.get();
      ResourceInformation gpus = ctx.resourcesJMap().get("gpu");
      if (gpus != null && gpus.addresses().length > 0) {
        gpu = String.join(",", gpus.addresses());
      }
      Map<String, String> env = new HashMap<>(in.env());
      env.putAll(TrialLauncher.env(in.threads(), gpu));
      int exit = TrialProcess.run(in.argv(), env, in.payload(), Path.of(in.runDirectory()), ctx::isInterrupted);
      return new TaskResult(exit, gpu, host, null).encode();
    } catch (InterruptedException e) {
      return new TaskResult(-1, gpu, host, "cancelled").encode();
    } catch (Throwable e) {
      return new TaskResult(-1, gpu, host, String.valueOf(e)).encode();
    }
  }
}
