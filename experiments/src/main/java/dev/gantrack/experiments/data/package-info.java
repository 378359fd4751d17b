/**
 * The built-in datasets: {@code idx} (MNIST-style IDX files), {@code image-folder} (PNG/JPEG
 * folders) and the 2-D Gaussian mixtures {@code ring} and {@code grid} of the mode-collapse
 * papers, which expose their modes through {@link dev.gantrack.experiments.data.ModeMixture}.
 */
package dev.gantrack.experiments.data;
