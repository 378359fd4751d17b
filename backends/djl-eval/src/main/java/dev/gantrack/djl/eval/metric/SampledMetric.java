package dev.gantrack.djl.eval.metric;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;

/** A built-in metric evaluated on {@code samples} generated samples. */
public abstract class SampledMetric extends CadencedMetric {
  private final int samples;

  /**
   * @param samples generated samples per evaluation, null for {@code defaultSamples}
   * @param every steps between evaluations, null for 0 (only at the end)
   * @param defaultSamples the default sample count
   * @param minSamples the fewest samples the metric can compute with
   */
  protected SampledMetric(Integer samples, Integer every, int defaultSamples, int minSamples) {
    super(every);
    this.samples = Checks.range("samples", samples, defaultSamples, minSamples, 10_000_000);
  }

  /** Generated samples per evaluation. */
  @JsonProperty("samples")
  @JsonPropertyDescription("generated samples per evaluation")
  public int samples() {
    return samples;
  }
}
