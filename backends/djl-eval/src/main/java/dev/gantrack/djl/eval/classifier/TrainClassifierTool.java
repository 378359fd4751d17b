package dev.gantrack.djl.eval.classifier;

import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginTool;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Tool {@code train-classifier}: trains the {@code mnist-classifier} extractor's network on digits
 * (1×28×28, 10 classes) and writes its weights with their SHA-256 ({@link ClassifierTraining}).
 */
public final class TrainClassifierTool implements PluginTool {
  /** The tool's name, and the command's. */
  public static final String NAME = "train-classifier";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "trains the MNIST classifier the metrics use, on digits with a held-out split; writes weights + SHA-256";
  }

  @Override
  public String run(Map<String, String> options, DataSource data, PrintWriter out) throws Exception {
    ClassifierTrainingOptions parsed = ClassifierTrainingOptions.parse(options);
    DataShape shape = data.shape();
    int[] s = shape.shape();
    if (s.length != 3 || s[0] != 1 || s[1] != 28 || s[2] != 28 || shape.numClasses() != 10) {
      throw new InvalidOptionException("images", "the classifier trains on 1×28×28 digits of 10 classes; the data is " + shape);
    }
    if (shape.size() <= parsed.holdout()) {
      throw new InvalidOptionException("holdout", parsed.holdout() + " leaves nothing to train on (" + shape.size() + " examples)");
    }
    return new ClassifierTraining(parsed).train(data, out).summary();
  }
}
