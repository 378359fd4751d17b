/** The {@code train-classifier} tool: trains the {@code mnist-classifier} network with a held-out split, seeded. */
package dev.gantrack.djl.eval.classifier;
