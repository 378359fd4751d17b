package dev.gantrack.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantrack.experiments.file.SweepRange;
import java.util.List;

/**
 * One option a sweep varies: its dotted path, where the user gave it ({@code --grid loss.type},
 * {@code sweep.grid.loss.type}: what an error names), and either its values (a grid axis) or the
 * range a random search samples it from.
 */
public record SweptOption(String path, String origin, List<JsonNode> values, SweepRange range) {
  public SweptOption {
    if ((values == null) == (range == null)) {
      throw new IllegalArgumentException("a swept option has values or a range, not both");
    }
    values = values == null ? null : List.copyOf(values);
  }

  /** A grid axis. */
  public static SweptOption grid(String path, String origin, List<JsonNode> values) {
    return new SweptOption(path, origin, values, null);
  }

  /** A sampled range. */
  public static SweptOption range(String path, String origin, SweepRange range) {
    return new SweptOption(path, origin, null, range);
  }

  /** How the option is swept, as the sweep's MLflow params show it ({@code [a, b]} or {@code 1e-5:1e-3:log}). */
  public String describe() {
    return range != null ? range.toString() : values.stream().map(JsonNode::asText).toList().toString();
  }
}
