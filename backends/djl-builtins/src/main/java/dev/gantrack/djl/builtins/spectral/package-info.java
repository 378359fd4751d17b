/** The {@code spectral-norm} type {@code power-iteration}: W/σ(W) with a persistent power-iteration vector. */
package dev.gantrack.djl.builtins.spectral;
