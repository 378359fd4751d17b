package dev.gantrack.spark;

import dev.gantrack.experiments.file.ExperimentException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Checks, before any trial starts, that the runs folder is one every worker sees (trials write
 * their run folders there and the sweep reads them): a marker file written here must be visible
 * to a task on each executor slot.
 */
final class SharedFolderCheck {
  private SharedFolderCheck() {}

  static void check(JavaSparkContext spark, Path runsRoot) throws ExperimentException {
    Path marker;
    try {
      Files.createDirectories(runsRoot);
      marker = runsRoot.resolve(".gantrack-visible-" + UUID.randomUUID());
      Files.writeString(marker, "gantrack checks that every Spark worker sees this folder\n");
    } catch (IOException e) {
      throw new ExperimentException(null, "--runs", "cannot write to " + runsRoot + ": " + e.getMessage());
    }
    try {
      int n = Math.max(1, spark.defaultParallelism());
      String where = marker.toString();
      List<Integer> slots = new ArrayList<>(IntStream.range(0, n).boxed().toList());
      List<String> blind = spark.parallelize(slots, n).map(i -> Files.exists(Path.of(where)) ? ""
          : InetAddress.getLocalHost().getHostName()).filter(h -> !h.isEmpty()).distinct().collect();
      if (!blind.isEmpty()) {
        throw new ExperimentException(null, "--runs", runsRoot + " is not visible from Spark worker(s) " + String.join(", ", blind)
            + "; trials write their run folders there: use a folder every worker sees (a shared file system)");
      }
    } finally {
      try {
        Files.deleteIfExists(marker);
      } catch (IOException ignored) {
        // a marker left behind is harmless
      }
    }
  }
}
