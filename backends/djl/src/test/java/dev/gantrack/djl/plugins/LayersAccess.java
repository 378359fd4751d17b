package dev.gantrack.djl.plugins;

import ai.djl.nn.Block;

/** Test access to the package-private {@link Layers}. */
public final class LayersAccess {
  private LayersAccess() {}

  public static Block minibatchStd(int group) {
    return Layers.minibatchStd(group);
  }
}
