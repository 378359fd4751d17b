/**
 * What the metrics of one run share: the reference features of the real data (cached beside the
 * data, keyed by the data's fingerprint and the extractor's weight hash) and the features of each
 * evaluation's generated samples, both from the run's one feature extractor.
 */
package dev.gantrack.djl.eval.stats;
