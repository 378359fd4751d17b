package dev.gantrack.djl.train;

import dev.gantrack.djl.spi.DjlTturSpec;

/** The run's two optimizers (role {@code ttur}): G's and D's, made by the TTUR spec for G's and D's parameters. */
record Optimizers(DjlTturSpec.Optimizer generator, DjlTturSpec.Optimizer discriminator) {}
