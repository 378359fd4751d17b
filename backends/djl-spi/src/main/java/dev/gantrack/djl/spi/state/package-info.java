/**
 * State that must survive the process: {@link dev.gantrack.djl.spi.state.RunState}, the one
 * save/restore contract of the DJL backend's checkpoints, and the {@link
 * dev.gantrack.djl.spi.state.StateWriter} / {@link dev.gantrack.djl.spi.state.StateReader} a part is
 * handed. Every stateful part of a run implements it once (networks, the EMA copy, optimizers,
 * spectral-norm vectors, counters, listeners that remember, a plugin's own services), so each piece
 * of state has exactly one owner that saves and restores it.
 */
package dev.gantrack.djl.spi.state;
