/**
 * Comparing runs: a run folder read back ({@link dev.gantrack.experiments.compare.RunRecord}: its
 * sweep overrides, status, steps, metric series and final values, sample grids), runs ranked by a
 * metric, a sweep's summary (CSV and a console table) and the self-contained HTML report of
 * {@code gantrack report}.
 */
package dev.gantrack.experiments.compare;
