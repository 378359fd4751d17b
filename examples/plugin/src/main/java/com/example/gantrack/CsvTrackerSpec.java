package com.example.gantrack;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.api.track.Tracker;
import java.util.List;

/**
 * Tracker {@code csv}: every metric of every logged step as a row {@code step,metric,value} of
 * {@code metrics.csv} in the run folder. One row per value (a long table) rather than one column per
 * metric, because metrics come at different cadences (losses at every log, evaluations only now and
 * then) and appear as the run goes; spreadsheets and data-frame libraries pivot it in one call.
 */
public record CsvTrackerSpec(
    @JsonProperty("delimiter") @JsonPropertyDescription("comma | semicolon | tab") String delimiter,
    @JsonProperty("digits") @JsonPropertyDescription("significant digits of each value") Integer digits)
    implements TrackerSpec {
  public static final String TYPE = "csv";

  /** The file written in the run folder. */
  public static final String FILE = "metrics.csv";

  public CsvTrackerSpec {
    delimiter = Checks.oneOf("delimiter", delimiter, "comma", List.of("comma", "semicolon", "tab"));
    digits = Checks.range("digits", digits, 6, 1, 17);
  }

  @Override
  public Tracker create(RunServices run) {
    char separator = switch (delimiter) {
      case "semicolon" -> ';';
      case "tab" -> '\t';
      default -> ',';
    };
    return new CsvTracker(separator, digits);
  }
}
