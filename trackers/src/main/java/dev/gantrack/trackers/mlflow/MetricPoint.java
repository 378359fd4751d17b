package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One metric point as {@code runs/log-batch} sends it, with the timestamp fixed when it was
 * recorded (so a re-send is the same point), and the forms its value takes on the way.
 */
record MetricPoint(String key, double value, long timestamp, long step) {

  /**
   * What identifies a point on the server within its key's history: step, timestamp and the value
   * as stored there ({@link #stored}).
   */
  static List<Long> id(long step, long timestamp, double value) {
    return List.of(step, timestamp, Double.doubleToLongBits(stored(value)));
  }

  /** A value as the SQL store keeps it: +-Infinity as +-MAX_VALUE, one NaN, no -0. */
  static double stored(double v) {
    if (Double.isNaN(v)) {
      return Double.NaN;
    }
    if (v == Double.POSITIVE_INFINITY) {
      return Double.MAX_VALUE;
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return -Double.MAX_VALUE;
    }
    return v == 0.0 ? 0.0 : v;
  }

  /** A JSON number, or one of the strings "NaN", "Infinity", "-Infinity". */
  static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    String s = n.asText();
    return switch (s) {
      case "NaN", "nan" -> Double.NaN;
      case "Infinity", "inf", "+Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }
}
