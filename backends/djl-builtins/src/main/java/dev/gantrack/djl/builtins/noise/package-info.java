/** The {@code noise} types: latent distributions ({@code normal}, {@code uniform}, {@code truncated-normal}) and annealed Gaussian instance noise ({@code instance}). */
package dev.gantrack.djl.builtins.noise;
