/** The optimizer base for DJL plugins: a fixed parameter list updated in place, engine kernels through {@link dev.gantrack.djl.spi.run.TensorKernels}. */
package dev.gantrack.djl.spi.optim;
