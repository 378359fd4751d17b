/**
 * The built-in feature extractors (role {@code feature-extractor}): {@code mnist-classifier}, a small
 * CNN trained on the shipped digits whose weights ship with their SHA-256, and {@code torchscript},
 * any TorchScript file loaded through DJL's PyTorch engine with its input size, channels and
 * normalisation as options.
 */
package dev.gantrack.djl.eval.extractor;
