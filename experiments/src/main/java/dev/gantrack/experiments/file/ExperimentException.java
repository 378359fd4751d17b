package dev.gantrack.experiments.file;

import java.nio.file.Path;

/**
 * An experiment file is unusable: one line naming the file, the field path and what is allowed,
 * e.g. {@code experiments/broken.yaml: loss.type: unknown loss 'lsgan2'; known: ... (did you mean 'lsgan'?)}.
 */
public final class ExperimentException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final String field;
  private final String problem;

  public ExperimentException(Path file, String field, String problem) {
    super((file == null ? "" : file + ": ") + (field == null || field.isEmpty() ? "" : field + ": ") + problem);
    this.file = file;
    this.field = field;
    this.problem = problem;
  }

  /** The file at fault (the one that introduced the field, where known). */
  public Path file() {
    return file;
  }

  /** Dotted path of the field, empty for the whole file. */
  public String field() {
    return field == null ? "" : field;
  }

  /** What is wrong and what is allowed. */
  public String problem() {
    return problem;
  }
}
