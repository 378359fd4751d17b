package dev.gantrack.djl;

import ai.djl.ndarray.NDArray;

/** Replaces a layer's weight by a function of it on every forward pass (spectral norm is one). */
public interface WeightTransform {
  /** The weight the layer uses; {@code training} is false when sampling. */
  NDArray apply(NDArray weight, boolean training);
}
