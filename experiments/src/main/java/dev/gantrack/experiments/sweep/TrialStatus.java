package dev.gantrack.experiments.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a trial's attempt ended, read from its run folder's {@code status} file: FINISHED, FAILED
 * (diverged, or refused at assembly) and KILLED as the run wrote them, CRASHED when the folder
 * has no status (the process died), NOT_STARTED for a trial that never got a folder (the sweep was
 * stopped first). FINISHED and FAILED are done: running the sweep again skips them; the others run
 * again.
 */
public enum TrialStatus {
  FINISHED, FAILED, KILLED, CRASHED, NOT_STARTED;

  /** Whether running the sweep again leaves this trial as it is. */
  public boolean done() {
    return this == FINISHED || this == FAILED;
  }

  /** The status of the attempt in {@code runDir}. */
  public static TrialStatus of(Path runDir) {
    return read(runDir).status();
  }

  /** A status and the failure's line, if the run wrote one. */
  public record Read(TrialStatus status, String error) {}

  /** The status of the attempt in {@code runDir} and the first line of its failure. */
  public static Read read(Path runDir) {
    if (runDir == null || !Files.isDirectory(runDir)) {
      return new Read(NOT_STARTED, null);
    }
    Path file = runDir.resolve("status");
    if (!Files.isRegularFile(file)) {
      return new Read(CRASHED, null);
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      String first = lines.isEmpty() ? "" : lines.get(0).strip();
      String error = lines.size() > 1 && !lines.get(1).isBlank() ? lines.get(1).strip() : null;
      for (TrialStatus s : values()) {
        if (s.name().equals(first)) {
          return new Read(s, error);
        }
      }
      return new Read(CRASHED, "status file says '" + first + "'");
    } catch (IOException e) {
      return new Read(CRASHED, "status unreadable: " + e.getMessage());
    }
  }
}
