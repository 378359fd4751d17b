/**
 * The built-in metrics, evaluated on a trained generator: {@code mode-coverage} for the 2-D
 * mixtures {@code ring} and {@code grid}.
 */
package dev.gantrack.experiments.metrics;
