package dev.gantrack.trackers.mlflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MLflow's rules for keys and values, and the reversible renaming of keys that break them.
 *
 * <p>A param, tag or metric key must match {@code ^[/\w.\- ]*$} (the portable form of the server's
 * check, without the {@code :} only POSIX servers accept), be at most 250 characters, and be its
 * own {@code posixpath.normpath} (no empty, {@code .} or {@code ..} segments, no leading or
 * trailing {@code /}, not starting with {@code ..}). A key that breaks them is renamed: every other
 * character becomes {@code _}, bad segments become {@code _}, and a key still too long is cut to
 * 241 characters plus {@code -} and 8 hex digits of its SHA-256. When two keys would end up the
 * same, the later one gets the hash suffix too. Every rename is kept in a map (original to
 * MLflow key) that the tracker uploads as {@code gantrack.key-map.json}.
 *
 * <p>Values are cut to 6,000 (params) or 8,000 (tags) characters, counted as the server counts
 * them (code points), ending with a note saying how long the value was.
 */
final class MlflowKeys {
  static final int MAX_KEY_LENGTH = 250;
  static final int MAX_PARAM_VALUE_LENGTH = 6000;
  static final int MAX_TAG_VALUE_LENGTH = 8000;

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_/.\\- ]*");
  private static final int HASH_SUFFIX = 9; // "-" + 8 hex digits

  private final Map<String, String> renamed = new LinkedHashMap<>();
  private final Map<String, String> owner = new HashMap<>(); // MLflow key -> original key

  /** The MLflow key for {@code key}: itself when valid and not yet taken, else a stable rename. */
  synchronized String map(String key) {
    String known = renamed.get(key);
    if (known != null) {
      return known;
    }
    String candidate = isValid(key) ? key : sanitize(key);
    String taken = owner.get(candidate);
    if (taken != null && !taken.equals(key)) {
      candidate = withHash(candidate, key);
    }
    owner.putIfAbsent(candidate, key);
    if (!candidate.equals(key)) {
      renamed.put(key, candidate);
    }
    return candidate;
  }

  /** How many keys were renamed so far. */
  synchronized int renamedCount() {
    return renamed.size();
  }

  /** Original key to MLflow key, for every key that was renamed, in order of first use. */
  synchronized Map<String, String> renamed() {
    return Map.copyOf(renamed);
  }

  /** Same as {@link #renamed()} but keeping the order. */
  synchronized Map<String, String> renamedInOrder() {
    return new LinkedHashMap<>(renamed);
  }

  /** Records a rename made earlier (a spool being reopened), so the same key maps the same way. */
  synchronized void restore(String original, String mlflowKey) {
    renamed.put(original, mlflowKey);
    owner.putIfAbsent(mlflowKey, original);
  }

  /** Whether the MLflow server accepts {@code key} as it is. */
  static boolean isValid(String key) {
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !ALLOWED.matcher(key).matches()) {
      return false;
    }
    if (key.startsWith("..")) {
      return false;
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** A valid key close to {@code key}; deterministic. */
  static String sanitize(String key) {
    StringBuilder chars = new StringBuilder(key.length());
    key.codePoints()
        .forEach(cp -> chars.append(allowed(cp) ? (char) cp : '_'));
    String[] segments = chars.toString().split("/", -1);
    StringBuilder out = new StringBuilder(chars.length());
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.isEmpty() || s.equals(".")) {
        s = "_";
      } else if (s.equals("..")) {
        s = "__";
      }
      if (i > 0) {
        out.append('/');
      }
      out.append(s);
    }
    String result = out.toString();
    if (result.startsWith("..")) {
      result = "_" + result;
    }
    if (result.length() > MAX_KEY_LENGTH) {
      result = withHash(result, key);
    }
    return result;
  }

  private static String withHash(String candidate, String original) {
    String base = candidate.length() > MAX_KEY_LENGTH - HASH_SUFFIX
        ? candidate.substring(0, MAX_KEY_LENGTH - HASH_SUFFIX)
        : candidate;
    return base + "-" + hash8(original);
  }

  private static boolean allowed(int cp) {
    return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9'
        || cp == '_' || cp == '/' || cp == '.' || cp == '-' || cp == ' ';
  }

  /** The first 8 hex digits of the SHA-256 of {@code s} (UTF-8). */
  static String hash8(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(8);
      for (int i = 0; i < 4; i++) {
        hex.append(String.format("%02x", d[i] & 0xff));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code value} if at most {@code limit} code points long, else its start and a note. */
  static String truncate(String value, int limit) {
    int length = value.codePointCount(0, value.length());
    if (length <= limit) {
      return value;
    }
    String note = " ... [cut by gantrack: " + length + " characters in all; the run folder has the full value]";
    int keep = limit - note.length();
    return value.substring(0, value.offsetByCodePoints(0, keep)) + note;
  }
}
