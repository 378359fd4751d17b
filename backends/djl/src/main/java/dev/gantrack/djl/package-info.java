/** The DJL/PyTorch training backend: device choice, the alternating GAN loop, samples, checkpoints. */
package dev.gantrack.djl;
