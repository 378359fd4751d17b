/**
 * Sweeps, run: the coordinator ({@link dev.gantrack.experiments.sweep.exec.SweepRun}: skips trials
 * already done, runs the rest a few at a time from a pool of driver threads, stops cleanly on
 * Ctrl-C, writes the summary and ends the sweep's MLflow run), the executor interface a trial runs
 * through ({@link dev.gantrack.experiments.sweep.exec.TrialExecutor}), this machine's executor
 * (one child JVM per trial, the cores or GPUs divided between them) and the progress lines.
 */
package dev.gantrack.experiments.sweep.exec;
