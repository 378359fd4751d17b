package dev.gantrack.experiments.runfolder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The runs under a folder ({@code runs/}, one experiment's {@code runs/<name>/}, or one run folder),
 * each a folder holding {@code experiment.yaml}, as one table: {@code gantrack runs [DIR]}. A run that
 * can be continued (CRASHED or KILLED) gets the {@code gantrack resume} line to run under it.
 */
public final class RunListing {
  private RunListing() {}

  /** Every run folder under {@code root} (at most three levels down), sorted by experiment and id. */
  public static List<RunSummary> scan(Path root, Instant now) throws IOException {
    List<RunSummary> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(root, 3)) {
      for (Path dir : s.filter(Files::isDirectory).filter(d -> Files.isRegularFile(d.resolve("experiment.yaml")))
          .toList()) {
        out.add(RunSummary.of(dir, now));
      }
    }
    out.sort(Comparator.comparing(RunSummary::name).thenComparing(RunSummary::id));
    return out;
  }

  /** Prints {@code runs} as a table. */
  public static void print(List<RunSummary> runs, PrintWriter out) {
    if (runs.isEmpty()) {
      out.println("no runs");
      return;
    }
    int name = Math.max(10, runs.stream().mapToInt(r -> r.name().length()).max().orElse(0));
    int id = Math.max(6, runs.stream().mapToInt(r -> r.id().length()).max().orElse(0));
    String row = "%-" + name + "s  %-" + id + "s  %-8s  %13s  %6s  %s%n";
    out.printf(Locale.ROOT, row, "EXPERIMENT", "RUN", "STATUS", "STEP", "IDLE", "BEST");
    for (RunSummary r : runs) {
      out.printf(Locale.ROOT, row, r.name(), r.id(), r.status(), r.step() + "/" + r.steps(), age(r.idle()),
          r.best() == null ? "-" : r.best());
      if (r.resumable()) {
        out.printf(Locale.ROOT, "  resume with: gantrack resume %s%n", r.folder());
      }
    }
  }

  /** {@code 42s}, {@code 7m}, {@code 3h}, {@code 2d}. */
  static String age(Duration d) {
    long s = d.getSeconds();
    return s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" : s < 86_400 ? s / 3600 + "h" : s / 86_400 + "d";
  }
}
