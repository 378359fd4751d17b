package dev.gantrack.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A sweep's folder, {@code <runs>/sweeps/<sweep id>/}: {@code sweep.json} (what was swept), one run
 * folder per attempt of each trial, {@code <index>-<key>} for the first and {@code
 * <index>-<key>-<n>} for the n-th, and {@code summary.csv}. An attempt is found by the trial's key
 * alone, so a trial keeps its attempts when the sweep is extended and its index changes. Nothing in
 * it is ever deleted or overwritten but the summary and {@code sweep.json}.
 */
public final class SweepFolder {
  /** The folder under the runs root that holds the sweeps. */
  public static final String SWEEPS = "sweeps";
  private static final Pattern ATTEMPT = Pattern.compile("\\d+-([0-9a-f]{12})(?:-(\\d+))?");
  private final Path dir;

  private SweepFolder(Path dir) {
    this.dir = dir;
  }

  /** The folder of sweep {@code id} under {@code runsRoot}. */
  public static SweepFolder of(Path runsRoot, String id) {
    return new SweepFolder(runsRoot.resolve(SWEEPS).resolve(id).toAbsolutePath().normalize());
  }

  /** A folder that already is a sweep's. */
  public static SweepFolder at(Path dir) {
    return new SweepFolder(dir.toAbsolutePath().normalize());
  }

  public Path dir() {
    return dir;
  }

  /** {@code sweep.json}. */
  public Path definitionFile() {
    return dir.resolve("sweep.json");
  }

  /** {@code summary.csv}. */
  public Path summaryFile() {
    return dir.resolve("summary.csv");
  }

  /** Whether {@code dir} looks like a sweep's folder. */
  public static boolean isSweep(Path dir) {
    return Files.isRegularFile(dir.resolve("sweep.json"));
  }

  /** The latest attempt of the trial keyed {@code key}, if it has one. */
  public Optional<Path> latestAttempt(String key) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .filter(p -> key.equals(keyOf(p)))
          .max(Comparator.comparingInt(SweepFolder::attemptOf));
    }
  }

  /** The folder of the next attempt of {@code trial} (not made yet). */
  public Path nextAttempt(PlannedTrial trial) throws IOException {
    int n = latestAttempt(trial.key()).map(SweepFolder::attemptOf).orElse(0) + 1;
    String name = String.format(Locale.ROOT, "%03d-%s", trial.index(), trial.key()) + (n == 1 ? "" : "-" + n);
    return dir.resolve(name);
  }

  /** The trial key of an attempt folder, or null if it is not one. */
  public static String keyOf(Path attempt) {
    Matcher m = ATTEMPT.matcher(attempt.getFileName().toString());
    return m.matches() ? m.group(1) : null;
  }

  private static int attemptOf(Path attempt) {
    Matcher m = ATTEMPT.matcher(attempt.getFileName().toString());
    return !m.matches() ? 0 : m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
  }
}
