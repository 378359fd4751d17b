/** Samples from the run's generator: fresh batches, the fixed grid batch, and the sample picture as a PNG. */
package dev.gantrack.djl.sample;
