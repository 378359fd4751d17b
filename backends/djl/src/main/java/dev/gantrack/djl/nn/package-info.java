/**
 * Network layers the PyTorch engine lacks or that gantrack computes its own way: transposed convolution
 * ({@code ConvTranspose2d}), and DJL's 2-D convolution computed by the kernel a run picks ({@code Conv2d}).
 */
package dev.gantrack.djl.nn;
