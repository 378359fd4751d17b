/**
 * The built-in datasets: {@code idx} (MNIST-style IDX files), {@code image-folder} (PNG/JPEG
 * folders) and the 2-D Gaussian mixtures {@code ring} and {@code grid} of the mode-collapse
 * papers, which expose their modes through {@link dev.gantrack.experiments.data.ModeMixture}.
 *
 * <p>The file-backed datasets check their data when they are described (what {@code gantrack
 * validate} calls): they read through it once with bounded memory, refuse hostile files (gzip
 * bombs, huge declared sizes, FIFOs, images declaring enormous dimensions) before reading or
 * allocating much, and report every problem as a {@link dev.gantrack.experiments.data.DataProblem}
 * naming the option and the file. Opening the data makes the same checks as it loads.
 */
package dev.gantrack.experiments.data;
