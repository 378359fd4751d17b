/** Runs: the run folder, provenance, trackers and the backend, from start to FINISHED/FAILED/KILLED. */
package dev.gantrack.experiments.run;
