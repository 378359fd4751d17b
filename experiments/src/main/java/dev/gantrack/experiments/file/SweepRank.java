package dev.gantrack.experiments.file;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order of a sweep's summary: a metric's final logged value, smallest first ({@code fid:min})
 * or largest first ({@code modes_captured:max}).
 */
public record SweepRank(String metric, boolean largestFirst) {
  private static final Pattern FORM = Pattern.compile("([A-Za-z0-9_./-]+):(min|max)");

  /** Parses {@code metric:min} or {@code metric:max}; the message says what is allowed. */
  public static SweepRank parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a ranking; use metric:min or metric:max, e.g. d_loss:min");
    }
    return new SweepRank(m.group(1), m.group(2).equals("max"));
  }

  @Override
  public String toString() {
    return metric + (largestFirst ? ":max" : ":min");
  }
}
