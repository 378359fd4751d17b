package dev.gantrack.experiments.data;

import dev.gantrack.api.InvalidOptionException;
import java.nio.file.Path;

/**
 * The one shape of a problem with a data file: an {@link InvalidOptionException} for the option
 * that named it ({@code images}, {@code labels}, {@code path}), its message starting with the
 * file, so gantrack prints {@code <experiment>: dataset.<option>: <file>: <problem>}.
 */
final class DataProblem {
  private DataProblem() {}

  /** {@code file} (named by {@code option}) has {@code problem}. */
  static InvalidOptionException of(String option, Path file, String problem) {
    return new InvalidOptionException(option, file + ": " + problem);
  }
}
