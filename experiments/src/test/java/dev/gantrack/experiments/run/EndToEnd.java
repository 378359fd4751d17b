package dev.gantrack.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.trackers.mlflow.MlflowReadBack;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Shared pieces of the end-to-end tracking tests: the tiny {@code ring} experiment, the gantrack
 * CLI as a child JVM, the metric points of a run folder and the check that MLflow holds each of
 * them exactly once.
 */
public final class EndToEnd {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EndToEnd() {}

  /**
   * Writes the tiny ring MLP experiment {@code name} (CPU, batch 64) tracked by local, MLflow at
   * {@code trackingUri} and TensorBoard, with the mode-coverage metric every {@code sampleEvery}
   * steps, and returns the file.
   */
  static Path ringExperiment(Path dir, String name, int steps, int logEvery, int sampleEvery, String trackingUri)
      throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(name + ".yaml"), """
        name: %s
        seed: 11
        device: cpu
        dataset: {type: ring}
        generator: {type: mlp, latent-dim: 4, hidden: 32, layers: 2, output: linear}
        discriminator: {type: mlp, hidden: 32, layers: 2}
        loss: {type: non-saturating}
        ttur:
          type: separate
          generator: {optimizer: adam, lr: 3.0e-4}
          discriminator: {optimizer: adam, lr: 1.5e-4}
        metrics:
          - {type: mode-coverage, samples: 500, every: %d}
        training: {steps: %d, batch-size: 64, log-every: %d, sample-every: %d, histogram-every: %d}
        trackers:
          - {type: local}
          - {type: mlflow, tracking-uri: "%s", retry-seconds: 1}
          - {type: tensorboard, flush-seconds: 0.5}
        """.formatted(name, sampleEvery, steps, logEvery, sampleEvery, sampleEvery, trackingUri));
  }

  /** The one run folder under {@code runs} (the folder holding metrics.jsonl), or null while there is none. */
  static Path runFolder(Path runs) throws IOException {
    if (!Files.isDirectory(runs)) {
      return null;
    }
    try (Stream<Path> s = Files.walk(runs, 2)) {
      List<Path> dirs = s.filter(p -> Files.exists(p.resolve("metrics.jsonl"))).toList();
      assertTrue(dirs.size() <= 1, dirs.toString());
      return dirs.isEmpty() ? null : dirs.get(0);
    }
  }

  /** metrics.jsonl as metric → step → value (a key logged twice at one step fails the test). */
  static Map<String, Map<Long, Double>> points(Path runDir) throws IOException {
    Map<String, Map<Long, Double>> out = new TreeMap<>();
    for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row = JSON.readTree(line);
      long step = row.get("step").asLong();
      for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("step") || e.getKey().equals("time")) {
          continue;
        }
        Double old = out.computeIfAbsent(e.getKey(), k -> new TreeMap<>()).put(step, MlflowReadBack.number(e.getValue()));
        if (old != null) {
          fail("metrics.jsonl has " + e.getKey() + " twice at step " + step);
        }
      }
    }
    return out;
  }

  static int count(Map<String, Map<Long, Double>> points) {
    return points.values().stream().mapToInt(Map::size).sum();
  }

  /**
   * Asserts MLflow holds every point of {@code points} exactly once with the same step and value,
   * and no metric that metrics.jsonl does not have.
   */
  static void assertExactlyOnce(Map<String, Map<Long, Double>> points, MlflowReadBack back) throws Exception {
    assertEquals(points.keySet(), new TreeSet<>(back.metricKeys()), "metric keys in MLflow vs metrics.jsonl");
    back.assertHoldsExactlyOnce(points, Map.of());
  }


  /** A test resource of the trackers test jar (e.g. {@code tensorboard/read_events.py}) copied to a file. */
  public static Path resourceFile(String name, Path dir) throws IOException {
    Path file = dir.resolve(Path.of(name).getFileName().toString());
    try (InputStream in = EndToEnd.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        return fail("test resource " + name + " not on the class path (trackers test jar)");
      }
      Files.createDirectories(dir);
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  /** {@code gantrack args...} in a child JVM on this test's class path; output goes to {@code log}.out/.err. */
  public static Process startCli(Path log, String... args) throws IOException {
    return startCli(log, List.of(), args);
  }

  /** As {@link #startCli(Path, String...)}, with extra JVM options ({@code -Dname=value}). */
  public static Process startCli(Path log, List<String> jvmOptions, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(jvmOptions);
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-Dgantrack.home=" + TestFiles.repo());
    cmd.add("-cp");
    cmd.add(childClassPath());
    cmd.add("dev.gantrack.experiments.cli.Gantrack");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(new File(log + ".out"))
        .redirectError(new File(log + ".err"));
    pb.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_"));
    return pb.start();
  }

  /**
   * This JVM's class path with gantrack's own jars taken from this checkout's {@code target}
   * folders when they exist: with {@code mvn -pl experiments} surefire names the copies in the
   * shared local repository, which another checkout's {@code mvn install} may replace mid-run.
   */
  static String childClassPath() {
    Map<String, String> modules = Map.of("gantrack-api", "api", "gantrack-backend-djl", "backends/djl",
        "gantrack-trackers", "trackers");
    List<String> out = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      String module = modules.get(name.replaceAll("-\\d.*$", ""));
      Path local = module == null ? null : TestFiles.repo().resolve(module).resolve("target").resolve(name);
      out.add(local != null && Files.isRegularFile(local) ? local.toString() : entry);
    }
    return String.join(File.pathSeparator, out);
  }

  /** Waits for a child JVM and returns its exit code (killed and failed after {@code seconds}). */
  public static int await(Process p, long seconds) throws InterruptedException {
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("gantrack did not finish within " + seconds + " s");
    }
    return p.exitValue();
  }
}
