package dev.gantrack.djl.eval.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A feature extractor's output for a set of examples, on the host: feature vectors and, when the
 * extractor has a class head, class probabilities.
 *
 * @param count examples
 * @param dimension length of a feature vector
 * @param features (count × dimension), row-major
 * @param classes classes of the probabilities, 0 when there are none
 * @param probabilities (count × classes), row-major, or null
 */
public record FeatureSet(int count, int dimension, float[] features, int classes, float[] probabilities) {

  /** The feature vectors as a (count, dimension) array in {@code manager}. */
  public NDArray features(NDManager manager) {
    return manager.create(features, new Shape(count, dimension));
  }

  /** The index of the most probable class and its probability, for example {@code i}. */
  public Prediction prediction(int i) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (probabilities[i * classes + c] > probabilities[i * classes + best]) {
        best = c;
      }
    }
    return new Prediction(best, probabilities[i * classes + best]);
  }

  /** A predicted class and the probability given to it. */
  public record Prediction(int label, double probability) {}
}
