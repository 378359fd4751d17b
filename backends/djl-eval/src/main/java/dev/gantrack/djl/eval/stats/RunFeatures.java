package dev.gantrack.djl.eval.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.djl.eval.maths.Gaussian;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import dev.gantrack.djl.spi.DjlMetricSpec;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The features every metric of a run shares, made with the run's one feature extractor: the real
 * data's reference features (computed once per data set and extractor, and cached beside the data,
 * see {@link ReferenceCache}), their Gaussian for FID, and the features of the samples generated at
 * an evaluation, made once per step and sample count however many metrics ask. One per run (Guice
 * singleton of the run's injector).
 */
@Singleton
public final class RunFeatures {
  /** Examples per extractor pass. */
  static final int BATCH = 250;
  /** At most this many real examples make the reference (all of the shipped 10,000 digits). */
  public static final int REFERENCE_LIMIT = 50_000;

  private final DjlFeatureExtractorSpec.FeatureExtractor extractor;
  private FeatureSet reference;
  private Gaussian referenceGaussian;
  private long generatedStep = -1;
  private final Map<Integer, FeatureSet> generated = new HashMap<>();

  @Inject
  public RunFeatures(DjlFeatureExtractorSpec.FeatureExtractor extractor) {
    this.extractor = extractor;
  }

  /** The run's feature extractor. */
  public DjlFeatureExtractorSpec.FeatureExtractor extractor() {
    return extractor;
  }

  /** How many real examples make the reference for {@code data}. */
  public static int referenceSize(DataSource data) {
    int size = data.shape().size();
    return size < 0 ? 10_000 : Math.min(size, REFERENCE_LIMIT);
  }

  /** Features of the real data: all of it (at most {@value #REFERENCE_LIMIT}), from the cache when fresh. */
  public synchronized FeatureSet reference(DjlMetricSpec.Evaluation evaluation) throws IOException {
    if (reference == null) {
      DataSource data = evaluation.data();
      int limit = referenceSize(data);
      ReferenceCache cache = data.fingerprint().isPresent() && data.folder().isPresent()
          ? new ReferenceCache(data.folder().get(), data.fingerprint().get(), extractor.weightsHash(), limit) : null;
      reference = cache == null ? null : cache.read().orElse(null);
      if (reference == null) {
        Collector collector = new Collector(limit);
        evaluation.real(limit, BATCH, collector::add);
        reference = collector.result();
        if (cache != null) {
          cache.write(reference);
        }
      }
    }
    return reference;
  }

  /** The Gaussian fitted to the reference features (FID's real statistics). */
  public synchronized Gaussian referenceGaussian(DjlMetricSpec.Evaluation evaluation) throws IOException {
    if (referenceGaussian == null) {
      FeatureSet real = reference(evaluation);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        referenceGaussian = Gaussian.fit(real.features(evaluation.manager()));
      }
    }
    return referenceGaussian;
  }

  /** Features of {@code n} generated samples at the evaluation's step, shared by every metric that asks for as many. */
  public synchronized FeatureSet generated(DjlMetricSpec.Evaluation evaluation, int n) throws IOException {
    if (evaluation.step() != generatedStep) {
      generated.clear();
      generatedStep = evaluation.step();
    }
    FeatureSet found = generated.get(n);
    if (found == null) {
      Collector collector = new Collector(n);
      evaluation.generated(n, BATCH, collector::add);
      found = collector.result();
      generated.put(n, found);
    }
    return found;
  }

  /** Runs the extractor batch by batch and keeps its output on the host. */
  private final class Collector {
    private float[] features;
    private float[] probabilities;
    private int count;

    Collector(int capacity) {
      this.features = new float[capacity * extractor.featureSize()];
      this.probabilities = extractor.classes() == 0 ? null : new float[capacity * extractor.classes()];
    }

    void add(NDArray x, NDArray labels) {
      DjlFeatureExtractorSpec.Output out = extractor.extract(x);
      int b = (int) x.getShape().get(0);
      ensure(count + b);
      float[] f = out.features().toFloatArray();
      System.arraycopy(f, 0, features, count * extractor.featureSize(), f.length);
      if (probabilities != null) {
        float[] p = out.probabilities().toFloatArray();
        System.arraycopy(p, 0, probabilities, count * extractor.classes(), p.length);
      }
      count += b;
    }

    private void ensure(int n) {
      if (n * extractor.featureSize() > features.length) { // the grid batch of gantrack eval --grid
        features = java.util.Arrays.copyOf(features, n * extractor.featureSize());
        probabilities = probabilities == null ? null : java.util.Arrays.copyOf(probabilities, n * extractor.classes());
      }
    }

    FeatureSet result() {
      return new FeatureSet(count, extractor.featureSize(), java.util.Arrays.copyOf(features, count * extractor.featureSize()),
          extractor.classes(), probabilities == null ? null : java.util.Arrays.copyOf(probabilities, count * extractor.classes()));
    }
  }
}
