package dev.gantrack.experiments.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.SweepRank;
import dev.gantrack.experiments.sweep.SweepFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runs a report compares, from the paths the user named: a sweep's folder (the latest attempt
 * of each of its trials, and its ranking), a run folder, or a folder of run folders ({@code
 * runs/<experiment>}). A path that is none of these is bad input.
 */
public final class ReportRuns {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The runs found, and the ranking of the first sweep among the paths (null when none ranks). */
  public record Found(List<RunRecord> runs, SweepRank rank, String title) {}

  private ReportRuns() {}

  /** The runs under {@code paths}. */
  public static Found of(List<Path> paths) throws IOException, ExperimentException {
    Map<Path, RunRecord> runs = new LinkedHashMap<>();
    SweepRank rank = null;
    List<String> names = new ArrayList<>();
    for (Path p : paths) {
      if (SweepFolder.isSweep(p)) {
        JsonNode def = JSON.readTree(SweepFolder.at(p).definitionFile().toFile());
        if (rank == null && def.hasNonNull("rank")) {
          rank = SweepRank.parse(def.get("rank").asText());
        }
        SweepFolder folder = SweepFolder.at(p);
        for (JsonNode t : def.path("trials")) {
          folder.latestAttempt(t.path("key").asText()).ifPresent(a -> runs.put(a, read(a)));
        }
        names.add("sweep " + def.path("id").asText(p.getFileName().toString()));
      } else if (isRun(p)) {
        runs.put(p, read(p));
        names.add(p.getFileName().toString());
      } else if (Files.isDirectory(p)) {
        List<Path> inside;
        try (Stream<Path> s = Files.list(p)) {
          inside = s.filter(ReportRuns::isRun).sorted().toList();
        }
        if (inside.isEmpty()) {
          throw new ExperimentException(p, "", "holds no run folders (folders with metrics.jsonl, experiment.yaml or status) and is not a sweep's folder");
        }
        inside.forEach(r -> runs.put(r, read(r)));
        names.add(p.getFileName().toString());
      } else {
        throw new ExperimentException(p, "", "not found; name run folders, a folder of them, or a sweep's folder (runs/sweeps/<id>)");
      }
    }
    return new Found(List.copyOf(runs.values()), rank, String.join(", ", names));
  }

  private static boolean isRun(Path p) {
    return Files.isDirectory(p) && (Files.exists(p.resolve("metrics.jsonl")) || Files.exists(p.resolve("experiment.yaml"))
        || Files.exists(p.resolve("status")));
  }

  private static RunRecord read(Path p) {
    try {
      return RunRecord.read(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
