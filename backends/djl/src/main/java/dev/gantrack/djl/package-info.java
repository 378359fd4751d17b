/**
 * The {@code djl} backend: its entry point ({@link dev.gantrack.djl.DjlBackend}), which DJL SPI
 * interface implements each role ({@link dev.gantrack.djl.DjlRoles}), and device choice. The trainer,
 * listeners, sampling, checkpoints and kernels are in the sub-packages.
 */
package dev.gantrack.djl;
