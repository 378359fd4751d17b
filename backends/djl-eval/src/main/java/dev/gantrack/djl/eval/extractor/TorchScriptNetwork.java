package dev.gantrack.djl.eval.extractor;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The runtime of {@link TorchScriptExtractor}: the loaded module and the input conversion before it. */
final class TorchScriptNetwork implements DjlFeatureExtractorSpec.FeatureExtractor {
  private final TorchScriptExtractor spec;
  private final Model model;
  private final String name;
  private final String hash;
  private int featureSize;
  private int classes;

  private TorchScriptNetwork(TorchScriptExtractor spec, Model model, String name, String hash) {
    this.spec = spec;
    this.model = model;
    this.name = name;
    this.hash = hash;
  }

  /** Loads {@code file} on the run's device and runs it once on a zero example of the data's shape to learn its outputs. */
  static TorchScriptNetwork load(TorchScriptExtractor spec, Path file, RunServices run) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidOptionException("path", file + " does not exist");
    }
    String hash;
    try {
      hash = Weights.sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new InvalidOptionException("path", "cannot read " + file + ": " + e.getMessage());
    }
    if (spec.sha256() != null && !spec.sha256().equals(hash)) {
      throw new InvalidOptionException("sha256", file + " has SHA-256 " + hash + ", not " + spec.sha256());
    }
    Model model = Model.newInstance("torchscript", run.get(Device.class), "PyTorch");
    try {
      model.load(file);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new InvalidOptionException("path", "cannot load " + file + " as TorchScript: " + e.getMessage());
    }
    TorchScriptNetwork net = new TorchScriptNetwork(spec, model, TorchScriptExtractor.TYPE + " " + file.getFileName(), hash);
    int[] shape = run.get(DataShape.class).shape();
    if (shape.length == 3) {
      try (NDManager m = model.getNDManager().newSubManager()) {
        long[] dims = {1, shape[0], shape[1], shape[2]};
        DjlFeatureExtractorSpec.Output out = net.extract(m.zeros(new Shape(dims)));
        net.featureSize = (int) out.features().getShape().get(1);
        net.classes = out.probabilities() == null ? 0 : (int) out.probabilities().getShape().get(1);
      } catch (RuntimeException e) {
        model.close();
        throw new InvalidOptionException("", "cannot run " + file.getFileName() + " on the data (" + DataShape.format(shape)
            + " after input-size/channels): " + e.getMessage().replaceAll("\\s+", " "));
      }
    }
    return net;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String weightsHash() {
    return hash;
  }

  @Override
  public int featureSize() {
    return featureSize;
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public String refuses(int[] shape) {
    return shape.length == 3 ? null : "it takes images (channels, height, width), not points of " + DataShape.format(shape);
  }

  @Override
  public DjlFeatureExtractorSpec.Output extract(NDArray images) {
    NDArray x = input(images);
    NDList out = model.getBlock().forward(new ParameterStore(images.getManager(), false), new NDList(x), false);
    long n = images.getShape().get(0);
    if (spec.featuresOutput() >= out.size() || spec.logitsOutput() != null && spec.logitsOutput() >= out.size()) {
      throw new IllegalStateException(name + " has " + out.size() + " outputs; features-output / logits-output name one beyond");
    }
    NDArray features = out.get(spec.featuresOutput()).toType(DataType.FLOAT32, false).reshape(n, -1);
    NDArray probabilities = spec.logitsOutput() == null ? null
        : out.get(spec.logitsOutput()).toType(DataType.FLOAT32, false).reshape(n, -1).softmax(1);
    return new DjlFeatureExtractorSpec.Output(features, probabilities, List.of(features));
  }

  /** The conversion the options describe: channels, size, range, per-channel normalisation. */
  NDArray input(NDArray images) {
    NDArray x = images;
    long c = x.getShape().get(1);
    if (spec.channels() != null && spec.channels() == 3 && c == 1) {
      x = x.repeat(1, 3);
    } else if (spec.channels() != null && spec.channels() == 1 && c != 1) {
      x = x.mean(new int[] {1}, true);
    }
    if (spec.inputSize() != null) {
      int s = spec.inputSize();
      x = NDImageUtils.resize(x.transpose(0, 2, 3, 1), s, s, Image.Interpolation.BILINEAR).transpose(0, 3, 1, 2);
    }
    double lo = spec.inputRange().get(0);
    double hi = spec.inputRange().get(1);
    x = x.add(1).mul((hi - lo) / 2).add(lo);
    if (spec.mean() != null) {
      long channels = x.getShape().get(1);
      if (spec.mean().size() != channels) {
        throw new IllegalStateException("mean and std have " + spec.mean().size() + " values for " + channels + " channels");
      }
      NDManager m = x.getManager();
      x = x.sub(m.create(floats(spec.mean()), new Shape(1, channels, 1, 1)))
          .div(m.create(floats(spec.std()), new Shape(1, channels, 1, 1)));
    }
    return x;
  }

  private static float[] floats(List<Double> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }

  @Override
  public void close() {
    model.close();
  }
}
