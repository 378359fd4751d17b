package dev.gantrack.trackers.tensorboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** A run's options as TensorBoard's HParams dashboard takes them: typed values and the session group. */
final class HParams {
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final double MAX_EXACT_INTEGER = 9007199254740992.0; // 2^53

  private HParams() {}

  /**
   * Typed hyperparameters from the flattened params: {@code true}/{@code false} (any case) become
   * booleans, decimal numbers doubles (except integers beyond 2^53, which a double cannot hold, and
   * non-finite values), everything else stays a string.
   */
  static Map<String, Object> of(Map<String, String> params) {
    Map<String, Object> out = new LinkedHashMap<>();
    new TreeMap<>(params).forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  /** See {@link #of(Map)}. */
  static Object value(String s) {
    if (s == null) {
      return "";
    }
    String t = s.trim();
    if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(t);
    }
    if (NUMBER.matcher(t).matches()) {
      double d = Double.parseDouble(t);
      if (Double.isFinite(d) && !(INTEGER.matcher(t).matches() && Math.abs(d) > MAX_EXACT_INTEGER)) {
        return d;
      }
    }
    return s;
  }

  /**
   * The session group of a run: a hash of its typed hyperparameters, as TensorBoard's {@code
   * hparams()} derives it when no trial id is given, so runs with identical options are repeats of
   * one trial.
   */
  static String groupName(Map<String, Object> hparams) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(hparams)
        .forEach(
            (k, v) -> {
              char type = v instanceof Boolean ? 'b' : v instanceof Number ? 'n' : 's';
              sb.append(k).append('\u0000').append(type).append(v).append('\u0000');
            });
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
