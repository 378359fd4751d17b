/**
 * The DJL backend's trainer in parts: the run's Guice module ({@link dev.gantrack.djl.train.DjlRunModule}),
 * the model (G, D, EMA copy, parameter store, weight transforms), real batches, the adversarial step
 * (k D updates, then one G update) and the loop that calls the listeners around it.
 */
package dev.gantrack.djl.train;
