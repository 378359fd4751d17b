/** The {@code penalty} types: {@code r1}, {@code r2} and WGAN-GP's {@code gp}. */
package dev.gantrack.djl.builtins.penalty;
