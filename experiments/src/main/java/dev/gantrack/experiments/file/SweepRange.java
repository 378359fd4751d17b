package dev.gantrack.experiments.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Random;

/**
 * A range a random search samples an option from: {@code low:high} (uniform), {@code low:high:log}
 * (log-uniform: uniform in log space, for learning rates) or {@code low:high:int} (a whole number,
 * both ends included). Sampled decimals keep 4 significant digits, so that trials read well and a
 * value written back parses to the same number.
 */
public record SweepRange(double low, double high, Scale scale) {
  /** How values are spread between the ends. */
  public enum Scale { LINEAR, LOG, INT }

  /** Checks the ends against the scale. */
  public SweepRange {
    if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
      throw new IllegalArgumentException("needs finite low < high, got " + low + ":" + high);
    }
    if (scale == Scale.LOG && low <= 0) {
      throw new IllegalArgumentException("a log range needs 0 < low, got " + low);
    }
    if (scale == Scale.INT && (low != Math.rint(low) || high != Math.rint(high))) {
      throw new IllegalArgumentException("an int range needs whole-number ends, got " + low + ":" + high);
    }
  }

  /** Parses {@code low:high}, {@code low:high:log} or {@code low:high:int}; the message says what is allowed. */
  public static SweepRange parse(String text) {
    String[] parts = text == null ? new String[0] : text.strip().split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("'" + text + "' is not a range; use low:high, low:high:log or low:high:int");
    }
    Scale scale = Scale.LINEAR;
    if (parts.length == 3) {
      scale = switch (parts[2].strip().toLowerCase(Locale.ROOT)) {
        case "log" -> Scale.LOG;
        case "int" -> Scale.INT;
        case "lin", "linear" -> Scale.LINEAR;
        default -> throw new IllegalArgumentException("'" + parts[2] + "' is not a scale; allowed: log, int, linear");
      };
    }
    try {
      return new SweepRange(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()), scale);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a range of numbers; use low:high, low:high:log or low:high:int");
    }
  }

  /** One value drawn with {@code random}. */
  public JsonNode sample(Random random) {
    return switch (scale) {
      case INT -> LongNode.valueOf((long) low + (long) Math.floor(random.nextDouble() * (high - low + 1)));
      case LOG -> DoubleNode.valueOf(round(Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)))));
      case LINEAR -> DoubleNode.valueOf(round(low + random.nextDouble() * (high - low)));
    };
  }

  private double round(double v) {
    double r = new BigDecimal(v).round(new MathContext(4)).doubleValue();
    return Math.min(high, Math.max(low, r));
  }

  @Override
  public String toString() {
    return format(low) + ":" + format(high) + (scale == Scale.LINEAR ? "" : ":" + scale.name().toLowerCase(Locale.ROOT));
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
