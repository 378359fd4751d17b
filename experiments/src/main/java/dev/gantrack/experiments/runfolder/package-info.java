/**
 * A run folder's life outside training: its {@code status} file (RUNNING with the process id, host
 * and a heartbeat while a process trains in it, then FINISHED, FAILED or KILLED), the {@code lock}
 * held by the one process training in it, and what {@code gantrack runs} reads back from a folder of
 * runs (CRASHED for a run whose process is gone).
 */
package dev.gantrack.experiments.runfolder;
