package dev.gantrack.djl.eval.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.gantrack.djl.eval.maths.MsSsim;
import dev.gantrack.djl.eval.maths.PerceptualDistance;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import dev.gantrack.djl.spi.DjlMetricSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Mean MS-SSIM and perceptual distance over pairs of examples: each batch's first half against its second half. */
final class PairStatistics {
  private final MsSsim ssim;
  private final DjlFeatureExtractorSpec.FeatureExtractor extractor;
  private final int pairs;
  private final int pairsPerBatch;

  PairStatistics(MsSsim ssim, DjlFeatureExtractorSpec.FeatureExtractor extractor, int pairs, int pairsPerBatch) {
    this.ssim = ssim;
    this.extractor = extractor;
    this.pairs = pairs;
    this.pairsPerBatch = pairsPerBatch;
  }

  /** Means over pairs (the perceptual one NaN without an extractor). */
  record Means(double msSsim, double perceptual) {}

  Means generated(DjlMetricSpec.Evaluation e) throws IOException {
    Sums sums = new Sums();
    e.generated(2 * pairs, 2 * pairsPerBatch, sums::add);
    return sums.means();
  }

  Map<String, Double> real(DjlMetricSpec.Evaluation e) throws IOException {
    Sums sums = new Sums();
    e.real(2 * pairs, 2 * pairsPerBatch, sums::add);
    Means m = sums.means();
    return Map.of("ms_ssim", m.msSsim(), "perceptual_distance", m.perceptual());
  }

  private final class Sums {
    private double msSsim;
    private double perceptual;
    private long count;

    void add(NDArray x, NDArray labels) {
      int n = (int) x.getShape().get(0);
      int half = n / 2;
      float[] host = x.toFloatArray();
      int per = host.length / Math.max(1, n);
      for (int i = 0; i < half; i++) {
        msSsim += ssim.between(host, i * per, host, (half + i) * per);
      }
      if (extractor != null && half > 0) {
        List<NDArray> layers = extractor.extract(x).layers();
        List<NDArray> a = layers.stream().map(l -> l.get(new NDIndex("0:{}", half))).toList();
        List<NDArray> b = layers.stream().map(l -> l.get(new NDIndex("{}:{}", half, 2 * half))).toList();
        perceptual += PerceptualDistance.perPair(a, b).sum().getFloat();
      }
      count += half;
    }

    Means means() {
      return new Means(msSsim / count, extractor == null ? Double.NaN : perceptual / count);
    }
  }
}
