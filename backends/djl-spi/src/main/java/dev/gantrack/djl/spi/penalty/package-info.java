/** Gradient-penalty building blocks for DJL plugins: R1/R2 and WGAN-GP's penalty on interpolates. */
package dev.gantrack.djl.spi.penalty;
