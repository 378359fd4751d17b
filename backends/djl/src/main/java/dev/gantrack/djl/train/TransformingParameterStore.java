package dev.gantrack.djl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.gantrack.djl.spi.WeightTransform;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A parameter store that hands layers a transformed weight where one is registered, so that the
 * run can reparametrise any layer (spectral norm) without the network plugin knowing.
 */
final class TransformingParameterStore extends ParameterStore {
  private final Map<Parameter, WeightTransform> transforms = new IdentityHashMap<>();

  TransformingParameterStore(NDManager manager) {
    super(manager, false);
  }

  void register(Parameter parameter, WeightTransform transform) {
    transforms.put(parameter, transform);
  }

  /** The transform registered for {@code parameter}, or null. */
  WeightTransform transformOf(Parameter parameter) {
    return transforms.get(parameter);
  }

  @Override
  public NDArray getValue(Parameter parameter, Device device, boolean training) {
    NDArray value = super.getValue(parameter, device, training);
    WeightTransform t = parameter == null ? null : transforms.get(parameter);
    return t == null ? value : t.apply(value, training);
  }
}
