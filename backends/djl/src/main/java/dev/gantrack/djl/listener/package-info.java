/**
 * gantrack's own training listeners, one per cadence: metrics logging, the divergence check, sample
 * grids, metric evaluation and histograms. They implement the same listener SPI a plugin does ({@code
 * dev.gantrack.djl.spi.listener}). Checkpoints are the trainer's ({@code
 * dev.gantrack.djl.checkpoint.CheckpointSchedule}): they follow every listener.
 */
package dev.gantrack.djl.listener;
