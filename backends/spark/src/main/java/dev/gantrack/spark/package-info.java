/**
 * A sweep's trials on Apache Spark ({@code gantrack sweep --on local[N] | spark://HOST:PORT}), in
 * the shape of Hyperopt's SparkTrials: a pool of driver threads, each submitting one single-task
 * job per trial (RDD API) in a job group of its own (so a trial can be cancelled alone), task
 * retries off, the trial's payload (its resolved experiment as a string) sent to the task, and its
 * outcome returned as a value, never as a task failure. With {@code --gpus-per-trial} each task
 * asks for GPUs through a stage-level {@code ResourceProfile} and runs its trial on the addresses
 * {@code TaskContext.resources()} gives it. The task runs the trial as a child JVM, exactly as a
 * sweep here does ({@link dev.gantrack.experiments.sweep.exec.TrialProcess}).
 */
package dev.gantrack.spark;
