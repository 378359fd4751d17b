/**
 * How the DJL backend evaluates the experiment's {@code metrics:}: each built once per run from its
 * spec (a DJL metric or a host one), evaluated on batches of generated and real samples ({@link
 * dev.gantrack.djl.metric.RunMetrics}), sharing the run's one feature extractor ({@link
 * dev.gantrack.djl.metric.RunFeatureExtractor}); and a finished run restored from a checkpoint for
 * {@code gantrack eval} and {@code gantrack sample} ({@link dev.gantrack.djl.metric.CheckpointEvaluation}).
 */
package dev.gantrack.djl.metric;
