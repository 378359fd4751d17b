package dev.gantrack.experiments.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.HostMetricSpec;
import dev.gantrack.api.track.Metric;
import java.util.Objects;

/**
 * Metric {@code mode-coverage}: how well a generator covers the modes of a {@code ring} or {@code
 * grid} dataset, as defined in PacGAN (Lin et al., 2018). It draws {@code samples} points and
 * assigns each to its nearest mode mean; a point is <em>high-quality</em> when it lies closer
 * than 3σ to that mean, and a mode is <em>captured</em> when at least one high-quality point is
 * nearest to it.
 *
 * <p>It reports {@code modes_captured}, {@code high_quality_pct} (0 to 100) and {@code
 * reverse_kl}. With {@code c_k} the number of high-quality points nearest to mode {@code k} of
 * {@code K}, {@code q_k = c_k / Σ c} and {@code p_k = 1/K}:
 *
 * <pre>reverse_kl = KL(q ‖ p) = Σ_{k : q_k &gt; 0} q_k · log(q_k / p_k)   (natural log)</pre>
 *
 * <p>It is 0 when the high-quality points are spread evenly over all modes and {@code log K} when
 * they all sit on one mode; it is NaN when there are no high-quality points (q is undefined).
 * The scored points are written to {@code samples/step-XXXXXX.csv} in the run folder (header
 * {@code x,y}).
 */
public final class ModeCoverageMetric implements HostMetricSpec {
  /** The name in experiment files. */
  public static final String TYPE = "mode-coverage";

  private final int samples;
  private final int every;

  /**
   * @param samples points drawn per evaluation; null for 2500
   * @param every steps between evaluations, 0 for only at the end; null for 0
   */
  @JsonCreator
  public ModeCoverageMetric(
      @JsonProperty("samples") Integer samples, @JsonProperty("every") Integer every) {
    this.samples = Checks.range("samples", samples, 2500, 1, 10_000_000);
    this.every = Checks.range("every", every, 0, 0, Integer.MAX_VALUE);
  }

  /** Points drawn per evaluation. */
  @JsonProperty("samples")
  @JsonPropertyDescription("Generated points scored per evaluation")
  public int samples() {
    return samples;
  }

  @Override
  @JsonProperty("every")
  @JsonPropertyDescription("Steps between evaluations; 0 evaluates only at the end of the run")
  public int every() {
    return every;
  }

  @Override
  public Metric create(RunServices run) {
    return new ModeCoverage(samples);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModeCoverageMetric m && samples == m.samples && every == m.every;
  }

  @Override
  public int hashCode() {
    return Objects.hash(samples, every);
  }

  @Override
  public String toString() {
    return TYPE + "{samples=" + samples + ", every=" + every + "}";
  }
}
