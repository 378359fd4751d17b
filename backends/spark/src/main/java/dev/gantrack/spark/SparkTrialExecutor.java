package dev.gantrack.spark;

import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.sweep.exec.RemoteSweepTarget;
import dev.gantrack.experiments.sweep.exec.TrialExecutor;
import dev.gantrack.experiments.sweep.exec.TrialJob;
import dev.gantrack.experiments.sweep.exec.TrialLauncher;
import dev.gantrack.experiments.sweep.exec.TrialProcess;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;

/**
 * Runs each trial as a single-task Spark job: {@link #run} is called from the sweep's driver
 * threads (one per slot), sets a job group of the trial's own, submits {@code parallelize([input],
 * 1).map(TrialTask).collectAsync()} and waits; stopping cancels the group, which interrupts the task
 * and so stops the trial's process (it ends KILLED). Task retries are off ({@code
 * spark.task.maxFailures=1}): a trial's failure is its result, not something to run blindly again.
 * With GPUs the job runs under a stage-level {@link ResourceProfile} that asks {@code
 * --gpus-per-trial} {@code gpu} per task.
 */
final class SparkTrialExecutor implements TrialExecutor {
  private final JavaSparkContext spark;
  private final ResourceProfile profile;
  private final int slots;
  private final int threads;
  private final String where;

  private SparkTrialExecutor(JavaSparkContext spark, ResourceProfile profile, int slots, int threads, String where) {
    this.spark = spark;
    this.profile = profile;
    this.slots = slots;
    this.threads = threads;
    this.where = where;
  }

  /** Starts the Spark context; {@code localCores} is N of local[N] (0 for a cluster). */
  static SparkTrialExecutor start(RemoteSweepTarget.Request r, int localCores, boolean local) throws ExperimentException {
    SparkConf conf = new SparkConf().setMaster(r.target()).setAppName("gantrack sweep " + r.plan().id())
        .set("spark.task.maxFailures", "1")
        .set("spark.ui.enabled", "false")
        .set("spark.executor.extraClassPath", codeSource(TrialTask.class) + File.pathSeparator + codeSource(TrialProcess.class));
    if (r.target().matches("spark://(127\\.0\\.0\\.1|localhost):\\d+")) {
      conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    }
    if (r.gpusPerTrial() > 0) {
      // an executor per trial slot: its task's cores and GPUs (a worker with 2 GPUs runs 2 of them)
      conf.set("spark.executor.cores", conf.get("spark.task.cpus", "1"))
          .set("spark.executor.resource.gpu.amount", String.valueOf(r.gpusPerTrial()));
    }
    r.conf().forEach(conf::set);
    JavaSparkContext spark;
    try {
      spark = new JavaSparkContext(conf);
    } catch (RuntimeException e) {
      throw new ExperimentException(null, "--on " + r.target(), "Spark did not start: " + e.getMessage());
    }
    try {
      if (!local) {
        SharedFolderCheck.check(spark, r.runsRoot());
      }
      int slots = r.parallel() > 0 ? r.parallel() : local ? localCores : spark.defaultParallelism();
      int threads = local ? Math.max(1, localCores / slots) : Integer.parseInt(conf.get("spark.task.cpus", "1"));
      ResourceProfile profile = null;
      if (r.gpusPerTrial() > 0) {
        profile = new ResourceProfileBuilder()
            .require(new TaskResourceRequests().cpus(Integer.parseInt(conf.get("spark.task.cpus", "1"))).resource("gpu", r.gpusPerTrial()))
            .build();
      }
      String where = String.format(Locale.ROOT, "on Spark %s (%s), %d at a time, %d thread%s%s each", spark.version(),
          r.target(), slots, threads, threads == 1 ? "" : "s", r.gpusPerTrial() > 0 ? " and " + r.gpusPerTrial() + " gpu" : "");
      return new SparkTrialExecutor(spark, profile, slots, threads, where);
    } catch (ExperimentException | RuntimeException e) {
      spark.stop();
      throw e;
    }
  }

  @Override
  public int slots() {
    return slots;
  }

  @Override
  public String describe() {
    return where;
  }

  @Override
  public int run(TrialJob job, BooleanSupplier stop) throws Exception {
    String group = "gantrack-" + job.payload().sweepId() + "-trial-" + job.trial().index();
    spark.setJobGroup(group, "trial " + job.trial().index() + ": " + job.trial().label(), true);
    TrialTaskInput input = new TrialTaskInput(TrialLauncher.argv(threads), Map.of(), job.payload().toJson(),
        job.runDirectory().toString(), threads);
    JavaRDD<TrialTaskInput> rdd = spark.parallelize(List.of(input), 1);
    if (profile != null) {
      rdd = rdd.withResources(profile);
    }
    JavaFutureAction<List<String>> result = rdd.map(new TrialTask()).collectAsync();
    while (true) {
      try {
        return TaskResult.decode(result.get(200, TimeUnit.MILLISECONDS).get(0)).exitCode();
      } catch (TimeoutException e) {
        if (stop.getAsBoolean()) {
          spark.cancelJobGroup(group);
          awaitStatus(job.runDirectory());
          return -1;
        }
      } catch (CancellationException | ExecutionException e) {
        awaitStatus(job.runDirectory());
        return -1;
      }
    }
  }

  /** A cancelled task's trial is still writing its last records: wait (bounded) for its status. */
  private static void awaitStatus(Path runDir) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TrialProcess.GRACE_SECONDS + 10);
    while (!Files.exists(runDir.resolve("status")) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  @Override
  public void close() {
    spark.stop();
  }

  /** The jar or classes folder {@code type} was loaded from: what an executor puts on its class path. */
  static String codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
