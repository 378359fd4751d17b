/**
 * gantrack's sample-quality metrics and feature extractors for the DJL backend, compiled against the
 * DJL SPI and EJML alone: {@link dev.gantrack.djl.eval.EvalPlugin} registers them. Metrics in {@code
 * metric}, extractors in {@code extractor}, the features they share within a run and their cache in
 * {@code stats}, the formulas in {@code maths}, the classifier's training in {@code classifier}.
 */
package dev.gantrack.djl.eval;
