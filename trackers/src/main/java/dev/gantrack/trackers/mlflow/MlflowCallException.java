package dev.gantrack.trackers.mlflow;

/**
 * A call to the MLflow server that did not succeed, classified by what the caller may assume.
 */
final class MlflowCallException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What happened to the request. */
  enum Kind {
    /** The request never reached the server (connection refused, unknown host): retry. */
    NOT_SENT,
    /** The server may or may not have applied it (timeout, reset, 5xx, 429): retry, check first. */
    UNCERTAIN,
    /** The server refused it for good (4xx): retrying the same request cannot help. */
    REJECTED
  }

  private final Kind kind;
  private final int status;
  private final String errorCode;

  MlflowCallException(Kind kind, int status, String errorCode, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.errorCode = errorCode;
  }

  Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when there was no response. */
  int status() {
    return status;
  }

  /** MLflow's {@code error_code} (e.g. {@code INVALID_PARAMETER_VALUE}), or "" when none. */
  String errorCode() {
    return errorCode;
  }

  boolean isTransient() {
    return kind != Kind.REJECTED;
  }
}
