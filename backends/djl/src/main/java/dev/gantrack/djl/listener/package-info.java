/**
 * gantrack's own training listeners, one per cadence: metrics logging, the divergence check, sample
 * grids, metric evaluation, the health monitor and histograms; what they log passes through {@link
 * dev.gantrack.djl.listener.LoggedValues}. They implement the same listener SPI a plugin does ({@code
 * dev.gantrack.djl.spi.listener}). Checkpoints are the trainer's ({@code
 * dev.gantrack.djl.checkpoint.CheckpointSchedule}): they follow every listener.
 */
package dev.gantrack.djl.listener;
