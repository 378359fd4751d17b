/** The {@code label-smoothing} types: {@code none}, {@code one-sided}, {@code two-sided}, {@code noisy}, {@code swap}. */
package dev.gantrack.djl.builtins.smoothing;
