package dev.gantrack.experiments.file;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sweep:} section of an experiment file: the options a sweep varies and how. The section
 * is not part of any run: {@code gantrack run} and {@code validate} check it and leave it out;
 * {@code gantrack sweep} plans its trials from it (command-line options add to it or replace it).
 *
 * <pre>
 * sweep:
 *   grid:                                  # every combination of these values
 *     loss.type: [non-saturating, hinge]
 *     ttur.discriminator.lr: [1.0e-4, 4.0e-4]
 *   range:                                 # sampled, with random: K
 *     ttur.generator.lr: 1.0e-5:1.0e-3:log #   low:high, low:high:log or low:high:int
 *   random: 20                             # K random trials instead of the whole grid
 *   seeds: 3                               # each trial with seeds seed, seed+1, ...
 *   rank: modes_captured:max               # the summary's order: metric:min or metric:max
 *   parallel: 2                            # trials at once on this machine
 * </pre>
 *
 * <p>Whether each path names an option and each value is allowed is checked when the trials are
 * planned, every trial loaded and validated before the first one starts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepSection(
    @JsonProperty("grid") @JsonPropertyDescription("option path -> list of values; every combination is a trial")
        Map<String, List<JsonNode>> grid,
    @JsonProperty("range") @JsonPropertyDescription("option path -> low:high[:log|:int], sampled for random search")
        Map<String, String> range,
    @JsonProperty("random") @JsonPropertyDescription("run this many random trials (grid values chosen at random, ranges sampled)")
        Integer random,
    @JsonProperty("seeds") @JsonPropertyDescription("repeat each trial with this many seeds: seed, seed+1, ...")
        Integer seeds,
    @JsonProperty("rank") @JsonPropertyDescription("order of the summary: metric:min or metric:max (final logged value)")
        String rank,
    @JsonProperty("parallel") @JsonPropertyDescription("trials at once on this machine; default one per device")
        Integer parallel) {

  /** Checks what can be checked without the experiment: shapes, counts and the rank's form. */
  @JsonCreator
  public SweepSection {
    grid = grid == null ? Map.of() : new LinkedHashMap<>(grid);
    range = range == null ? Map.of() : new LinkedHashMap<>(range);
    for (Map.Entry<String, List<JsonNode>> e : grid.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        throw new InvalidOptionException("grid." + e.getKey(), "needs a list of at least one value");
      }
    }
    for (Map.Entry<String, String> e : range.entrySet()) {
      try {
        SweepRange.parse(e.getValue());
      } catch (IllegalArgumentException ex) {
        throw new InvalidOptionException("range." + e.getKey(), ex.getMessage());
      }
    }
    if (rank != null) {
      try {
        SweepRank.parse(rank);
      } catch (IllegalArgumentException ex) {
        throw new InvalidOptionException("rank", ex.getMessage());
      }
    }
    random = Checks.optionalRange("random", random, 1, 100_000);
    seeds = Checks.optionalRange("seeds", seeds, 1, 1000);
    parallel = Checks.optionalRange("parallel", parallel, 1, 256);
  }

  /** An empty section: nothing swept. */
  public static SweepSection empty() {
    return new SweepSection(null, null, null, null, null, null);
  }
}
