/**
 * Trackers: the console progress bar, the local run folder ({@code metrics.jsonl}), and the
 * asynchronous fan-out that keeps slow trackers off the training thread. MLflow and TensorBoard
 * live in their own packages.
 */
package dev.gantrack.trackers;
