package dev.gantrack.djl.eval.extractor;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.ParameterStore;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The runtime of {@link MnistClassifierExtractor}: the network with its checked weights, in a manager of its own. */
final class MnistClassifier implements DjlFeatureExtractorSpec.FeatureExtractor {
  private static final int MAX_CHANNELS = 3;
  private final NDManager manager;
  private final SequentialBlock net;
  private final ParameterStore parameters;
  private final Weights weights;
  private final int channels;

  /** For data of {@code shape}: one digit per channel. */
  MnistClassifier(Weights weights, NDManager runManager, int[] shape) {
    this.weights = weights;
    this.channels = shape.length == 3 ? Math.max(1, Math.min(MAX_CHANNELS, shape[0])) : 1;
    this.manager = runManager.newSubManager();
    this.net = MnistClassifierNetwork.build();
    try {
      // zeros, not random numbers, before the weights are loaded: building the extractor must not
      // draw from the engine's generator, or adding a metric would change how G and D train
      net.setInitializer(new ConstantInitializer(0), Parameter.Type.WEIGHT);
      net.setInitializer(new ConstantInitializer(0), Parameter.Type.BIAS);
      net.initialize(manager, DataType.FLOAT32, MnistClassifierNetwork.INPUT);
      net.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(weights.bytes())));
    } catch (IOException | MalformedModelException e) {
      manager.close();
      throw new UncheckedIOException(new IOException(weights.source() + " are not weights of the mnist-classifier network: "
          + e.getMessage(), e));
    }
    this.parameters = new ParameterStore(manager, false);
  }

  @Override
  public String name() {
    return MnistClassifierExtractor.TYPE;
  }

  @Override
  public String weightsHash() {
    return weights.sha256();
  }

  @Override
  public int featureSize() {
    return MnistClassifierNetwork.FEATURES * channels;
  }

  @Override
  public int classes() {
    return (int) Math.pow(MnistClassifierNetwork.CLASSES, channels);
  }

  @Override
  public String refuses(int[] shape) {
    if (shape.length != 3 || shape[1] != 28 || shape[2] != 28 || shape[0] < 1 || shape[0] > MAX_CHANNELS) {
      return "it classifies 28×28 digits of 1 to " + MAX_CHANNELS + " channels (one digit per channel)";
    }
    return null;
  }

  @Override
  public DjlFeatureExtractorSpec.Output extract(NDArray images) {
    long c = images.getShape().get(1);
    List<NDArray> features = new ArrayList<>();
    List<List<NDArray>> layers = new ArrayList<>();
    NDArray joint = null;
    long n = images.getShape().get(0);
    for (long k = 0; k < c; k++) {
      NDArray channel = images.get(new NDIndex(":, {}:{}", k, k + 1));
      List<NDArray> taps = MnistClassifierNetwork.taps(net, parameters, channel);
      NDArray probabilities = taps.get(taps.size() - 1).softmax(1);
      features.add(taps.get(taps.size() - 2));
      layers.add(taps.subList(0, taps.size() - 1));
      joint = joint == null ? probabilities
          : joint.expandDims(2).mul(probabilities.expandDims(1)).reshape(n, -1);
    }
    List<NDArray> merged = new ArrayList<>();
    for (int l = 0; l < layers.get(0).size(); l++) {
      int layer = l;
      merged.add(concat(layers.stream().map(x -> x.get(layer)).toList()));
    }
    return new DjlFeatureExtractorSpec.Output(concat(features), joint, merged);
  }

  private static NDArray concat(List<NDArray> parts) {
    return parts.size() == 1 ? parts.get(0) : ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(parts), 1);
  }

  @Override
  public void close() {
    manager.close();
  }
}
