/**
 * A run folder's life outside training: its {@code status} file (RUNNING with the process id, host
 * and a heartbeat while a process trains in it, then FINISHED, FAILED or KILLED), the {@code lock}
 * held by the one process training in it, what the two say together ({@link
 * dev.gantrack.experiments.runfolder.RunFolderStatus}: RUNNING, or CRASHED for a run whose process
 * is gone), and what {@code gantrack runs} reads back from a folder of runs.
 */
package dev.gantrack.experiments.runfolder;
