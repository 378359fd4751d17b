package dev.gantrack.api;

import java.util.Objects;

/**
 * One thing wrong with an experiment, as a value: the dotted path of the field at fault ({@code
 * ttur.generator.warmup}, {@code metrics.1.every}; empty for the experiment as a whole) and what is
 * wrong and what is allowed. gantrack prints it as {@code <file>: <path>: <message>}.
 */
@PublicApi
public record Problem(String path, String message) {
  public Problem {
    path = path == null ? "" : path;
    Objects.requireNonNull(message, "message");
  }

  /** A problem at {@code path}. */
  public static Problem at(String path, String message) {
    return new Problem(path, message);
  }

  /** The same problem under {@code prefix} ({@code generator} + {@code lr} → {@code generator.lr}). */
  public Problem under(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return this;
    }
    return new Problem(path.isEmpty() ? prefix : prefix + "." + path, message);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
