package dev.gantrack.djl.eval.metric;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.Role;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.eval.maths.MsSsim;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metric {@code diversity}: how different generated samples are from each other, next to how
 * different real examples are. Over {@code pairs} pairs of generated samples it logs {@code ms_ssim},
 * their mean MS-SSIM (as AC-GAN, Odena et al. 2017, measures collapse: higher means more alike; a
 * generator whose value rises above the real data's {@code ms_ssim_real} is collapsing), and, when the
 * run has a feature extractor, {@code perceptual_distance}, a mean LPIPS-style distance in the
 * extractor's layers (lower means more alike), next to {@code perceptual_distance_real}. The real
 * values are computed once per run, on the first {@code 2 × pairs} real examples paired in order.
 * AC-GAN pairs samples of one class; this pairs samples at random.
 */
public final class DiversityMetric extends CadencedMetric {
  /** The name in experiment files. */
  public static final String TYPE = "diversity";
  private static final int PAIRS_PER_BATCH = 250;

  private final int pairs;

  @JsonCreator
  public DiversityMetric(@JsonProperty("pairs") Integer pairs, @JsonProperty("every") Integer every) {
    super(every);
    this.pairs = Checks.range("pairs", pairs, 1000, 1, 1_000_000);
  }

  @Override
  protected String type() {
    return TYPE;
  }

  @Override
  protected List<Object> options() {
    return List.of(pairs, every());
  }

  /** Pairs of samples (and of real examples) compared per evaluation. */
  @JsonProperty("pairs")
  @JsonPropertyDescription("pairs of generated samples (and of real examples) compared per evaluation")
  public int pairs() {
    return pairs;
  }

  @Override
  public Metric create(RunServices run) {
    int[] shape = run.get(DataShape.class).shape();
    if (shape.length != 3) {
      throw new InvalidOptionException("", "diversity compares images; the data holds points of " + DataShape.format(shape));
    }
    MsSsim ssim = new MsSsim(shape[0], shape[1], shape[2]);
    DjlFeatureExtractorSpec.FeatureExtractor extractor = run.spec(Role.FEATURE_EXTRACTOR) == null ? null
        : run.get(DjlFeatureExtractorSpec.FeatureExtractor.class);
    PairStatistics statistics = new PairStatistics(ssim, extractor, pairs, PAIRS_PER_BATCH);
    return new Metric() {
      private Map<String, Double> real;

      @Override
      public Map<String, Double> evaluate(Evaluation e) throws java.io.IOException {
        if (real == null) {
          real = statistics.real(e);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        PairStatistics.Means fake = statistics.generated(e);
        out.put("ms_ssim", fake.msSsim());
        out.put("ms_ssim_real", real.get("ms_ssim"));
        if (extractor != null) {
          out.put("perceptual_distance", fake.perceptual());
          out.put("perceptual_distance_real", real.get("perceptual_distance"));
        }
        return out;
      }

      @Override
      public Map<String, String> provenance() {
        return Provenance.of("diversity (mean pairwise MS-SSIM, Wang et al. 2003, " + ssim.scales()
            + " scales; LPIPS-style distance with uniform weights)", 2 * pairs, 2 * pairs, extractor, Map.of("pairs", String.valueOf(pairs)));
      }
    };
  }
}
