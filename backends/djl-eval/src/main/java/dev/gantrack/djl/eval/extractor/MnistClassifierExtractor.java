package dev.gantrack.djl.eval.extractor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import ai.djl.ndarray.NDManager;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.FeatureExtractorSpec;
import dev.gantrack.api.spec.FileOption;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Feature extractor {@code mnist-classifier}: the small CNN of {@link MnistClassifierNetwork},
 * trained on the shipped digits by {@code gantrack train-classifier}; its weights ship inside
 * gantrack with their SHA-256, checked at load ({@code weights:} names other ones, with their
 * {@code .sha256} file beside them). Features are its 128-unit penultimate layer, class probabilities
 * its softmax. It takes 28×28 images of 1 to 3 channels; each channel is classified as a digit of its
 * own, so on Stacked MNIST (3 channels) features are the three channels' side by side and the classes
 * are the 1,000 combinations (100·first + 10·second + third digit).
 *
 * @param weights a weights file to use instead of the shipped one, or null
 */
public record MnistClassifierExtractor(@JsonProperty("weights") String weights)
    implements FeatureExtractorSpec, DjlFeatureExtractorSpec {
  /** The name in experiment files. */
  public static final String TYPE = "mnist-classifier";
  /** The shipped weights, a resource beside this class. */
  static final String SHIPPED = "mnist-classifier.params";

  @JsonCreator
  public MnistClassifierExtractor {
    if (weights != null && weights.isBlank()) {
      throw new InvalidOptionException("weights", "empty; allowed a path to weights written by gantrack train-classifier");
    }
  }

  @Override
  @FileOption
  @JsonProperty("weights")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyDescription("weights written by gantrack train-classifier (with FILE.sha256 beside them); leave out for the shipped ones")
  public String weights() {
    return weights;
  }

  @Override
  public FeatureExtractor create(RunServices run) {
    try {
      Weights w = weights == null ? Weights.resource(MnistClassifierExtractor.class, SHIPPED)
          : Weights.read(run.get(RunContext.class).plugins().resolve(weights));
      return new MnistClassifier(w, run.get(NDManager.class), run.get(DataShape.class).shape());
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
