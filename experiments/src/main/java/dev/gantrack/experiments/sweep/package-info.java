/**
 * Sweeps, planned: what a sweep varies (a {@code sweep:} section and {@code --grid}, {@code
 * --range}, {@code --random}, {@code --seeds}), the trials it makes, each loaded and validated
 * before the first one starts, each keyed by the hash of its resolved experiment; the sweep's
 * folder and the attempts of each trial in it; and what a trial is sent as ({@link
 * dev.gantrack.experiments.sweep.TrialPayload}) to wherever it runs. Running them is {@code
 * dev.gantrack.experiments.sweep.exec}'s.
 */
package dev.gantrack.experiments.sweep;
