package dev.gantrack.djl.spi;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.run.RunServices;
import java.util.List;

/**
 * A feature-extractor spec the DJL backend can build (role {@code feature-extractor}). The backend
 * builds the one {@link FeatureExtractor} of a run from it the first time a metric asks for it
 * ({@code run.get(DjlFeatureExtractorSpec.FeatureExtractor.class)}), shares it with every metric of
 * the run, and closes it at the end of the run.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlFeatureExtractorSpec {
  /** Loads the network (checking its weights) on the run's device; called at most once per run. */
  FeatureExtractor create(RunServices run);

  /**
   * A network that maps images to features and, when it has a class head, class probabilities.
   * Weights live in a manager of its own, freed by {@link #close()}.
   */
  interface FeatureExtractor extends AutoCloseable {
    /** The extractor's type name and what distinguishes it (e.g. {@code torchscript inception.pt}). */
    String name();

    /** The SHA-256 of its weights, hex: values computed with other weights are not comparable. */
    String weightsHash();

    /** Length of a feature vector. */
    int featureSize();

    /** Number of classes of its class head, or 0 when it has none. */
    int classes();

    /** Null when it can take examples of {@code shape} (C, H, W); else why not, in one line. */
    String refuses(int[] shape);

    /**
     * Runs on {@code images} (N, C, H, W) scaled as the data is, to [-1, 1]. The returned arrays are
     * made in the manager of {@code images} and live as long as it does. Called with gradient
     * recording off.
     */
    Output extract(NDArray images);

    @Override
    void close();
  }

  /**
   * What one pass of the extractor gives.
   *
   * @param features (N, featureSize)
   * @param probabilities (N, classes), rows summing to 1; null when there is no class head
   * @param layers intermediate activations, each (N, C, H, W) or (N, D), shallow to deep, for
   *     perceptual (LPIPS-style) distances; at least the features
   */
  record Output(NDArray features, NDArray probabilities, List<NDArray> layers) {}
}
