package dev.gantrack.trackers.mlflow;

/**
 * The wait between delivery attempts while the server is unreachable: {@value #INITIAL_MS} ms,
 * doubling after each failed attempt up to a cap, back to the start once an attempt succeeds.
 */
final class Backoff {
  static final long INITIAL_MS = 500;

  private final long capMs;
  private long delayMs = INITIAL_MS;

  /** @param capMs the longest wait ({@code retry-seconds} in ms) */
  Backoff(long capMs) {
    this.capMs = capMs;
  }

  /** How long to wait before the next attempt. */
  long delayMs() {
    return delayMs;
  }

  /** An attempt failed: the next wait is twice as long, at most the cap. */
  void lengthen() {
    delayMs = Math.min(delayMs * 2, capMs);
  }

  /** An attempt succeeded: the next wait is the first one again. */
  void reset() {
    delayMs = INITIAL_MS;
  }
}
