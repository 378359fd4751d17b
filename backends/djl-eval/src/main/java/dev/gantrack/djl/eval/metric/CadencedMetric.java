package dev.gantrack.djl.eval.metric;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.spec.MetricSpec;
import dev.gantrack.djl.spi.DjlMetricSpec;
import java.util.List;
import java.util.Objects;

/**
 * What every built-in DJL metric spec has: its cadence ({@code every}) and, for equality and
 * listings, the values of its options. Immutable; options are checked in the constructors.
 */
public abstract class CadencedMetric implements MetricSpec, DjlMetricSpec {
  private final int every;

  /** @param every steps between evaluations, null for 0 (only at the end) */
  protected CadencedMetric(Integer every) {
    this.every = Checks.range("every", every, 0, 0, Integer.MAX_VALUE);
  }

  @Override
  @JsonProperty("every")
  @JsonPropertyDescription("steps between evaluations; 0 evaluates only at the end of the run")
  public int every() {
    return every;
  }

  /** The type's name in files. */
  protected abstract String type();

  /** Every option's value, {@code every} last. */
  protected abstract List<Object> options();

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((CadencedMetric) o).options().equals(options());
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), options());
  }

  @Override
  public String toString() {
    return type() + options();
  }
}
