/** Network building blocks for DJL plugins: norms, activations, reshapes, labels, packing, minibatch std. */
package dev.gantrack.djl.spi.layers;
