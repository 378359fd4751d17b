/** Loss building blocks for DJL plugins: binary cross-entropy on logits. */
package dev.gantrack.djl.spi.loss;
