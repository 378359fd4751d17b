/** Tensor helpers for DJL plugins: numbers as arrays of the step, safe for gradients. */
package dev.gantrack.djl.spi.tensor;
