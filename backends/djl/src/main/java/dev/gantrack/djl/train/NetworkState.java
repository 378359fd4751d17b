package dev.gantrack.djl.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.gantrack.djl.spi.state.RunState;
import dev.gantrack.djl.spi.state.StateReader;
import dev.gantrack.djl.spi.state.StateWriter;

/**
 * A network's state: every parameter's array under its name in the block, trained or not, so
 * BatchNorm's running mean and variance are saved with the weights. Restored in place: optimizers, the
 * EMA copy and weight transforms keep the arrays they hold.
 */
final class NetworkState implements RunState {
  private final Block block;

  NetworkState(Block block) {
    this.block = block;
  }

  @Override
  public void save(StateWriter out) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.array(p.getKey(), p.getValue().getArray());
    }
  }

  @Override
  public void restore(StateReader in) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      in.arrayInto(p.getKey(), p.getValue().getArray());
    }
  }
}
