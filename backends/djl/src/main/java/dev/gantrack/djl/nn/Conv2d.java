package dev.gantrack.djl.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DJL's {@link ai.djl.nn.convolutional.Conv2d} (its parameters, shapes and initialisation) computed by
 * a {@link Convolution}, so a run can pick libtorch's faster kernel for the shape. Square stride and
 * padding, no dilation, no groups, as gantrack's layer factory builds it. The class keeps DJL's simple
 * name: a network's parameter names (hence its checkpoints) name each block by its class.
 */
public final class Conv2d extends ai.djl.nn.convolutional.Conv2d {
  private final Convolution computation;

  /** The block {@code builder} describes, computed by {@code computation}. */
  public Conv2d(ai.djl.nn.convolutional.Conv2d.Builder builder, Convolution computation) {
    super(builder);
    if (stride.get(0) != stride.get(1) || padding.get(0) != padding.get(1) || dilation.get(0) != 1
        || dilation.get(1) != 1 || groups != 1) {
      throw new IllegalArgumentException("Conv2d takes square stride and padding, no dilation, no groups: " + this);
    }
    this.computation = computation;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Device device = x.getDevice();
    NDArray w = store.getValue(weight, device, training);
    NDArray b = includeBias ? store.getValue(bias, device, training) : null;
    return new NDList(computation.apply(x, w, b, (int) stride.get(0), (int) padding.get(0)));
  }
}
