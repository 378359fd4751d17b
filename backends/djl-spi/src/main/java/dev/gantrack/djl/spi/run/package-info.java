/**
 * What the DJL backend binds in every run's injector besides the host's services ({@link
 * dev.gantrack.api.run.RunServices}): the {@code ai.djl.Device} the run trains on, the run's root
 * {@code ai.djl.ndarray.NDManager} (parameters and optimizer state live in it; per-step arrays in a
 * sub-manager of it), {@link dev.gantrack.djl.spi.run.TensorKernels}, {@link
 * dev.gantrack.djl.spi.run.GanNetworks} and {@link dev.gantrack.djl.spi.run.GanSamples}. Plugins
 * inject them (or get them from {@code RunServices}) and may bind their own run-scoped services.
 */
package dev.gantrack.djl.spi.run;
