package dev.gantrack.spark;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on loopback for tests: a master and one worker started with the
 * distribution's own launch script ({@code bin/spark-class}) from PyPI's pyspark of the same
 * version (tools/spark-env), the worker offering {@code gpus} "gpu" addresses found by a discovery
 * script, as a GPU node's would be.
 */
final class SparkStandalone implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final List<Process> processes = new ArrayList<>();

  private SparkStandalone(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** {@code spark://127.0.0.1:<port>}. */
  String master() {
    return "spark://127.0.0.1:" + port;
  }

  /** Starts a master and a worker with {@code cores} cores and {@code gpus} GPU addresses, and waits until the worker has registered. */
  static SparkStandalone start(Path dir, int cores, int gpus) throws IOException, InterruptedException {
    SparkStandalone s = new SparkStandalone(dir, freePort());
    Files.createDirectories(dir);
    Path script = dir.resolve("discover-gpus.sh");
    StringBuilder addresses = new StringBuilder();
    for (int i = 0; i < gpus; i++) {
      addresses.append(i == 0 ? "" : ", ").append('"').append(i).append('"');
    }
    Files.writeString(script, "#!/bin/sh\necho '{\"name\": \"gpu\", \"addresses\": [" + addresses + "]}'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    s.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(s.port),
        "--webui-port", String.valueOf(freePort())), "");
    s.await("master", "Starting Spark master", 120);
    s.launch("worker", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--webui-port",
        String.valueOf(freePort()), "--cores", String.valueOf(cores), "--memory", "3g", "--work-dir",
        dir.resolve("work").toString(), s.master()),
        "-Dspark.worker.resource.gpu.amount=" + gpus + " -Dspark.worker.resource.gpu.discoveryScript=" + script);
    s.await("worker", "Successfully registered with master", 120);
    return s;
  }

  /** SPARK_HOME: {@code -Dgantrack.spark.home}, {@code $SPARK_HOME}, else pyspark in {@code <repo>/.venv-spark}. */
  static Path sparkHome() throws IOException {
    String given = System.getProperty("gantrack.spark.home", System.getenv("SPARK_HOME"));
    if (given != null) {
      return Path.of(given);
    }
    Path lib = Path.of(System.getProperty("gantrack.repo", "..")).resolve(".venv-spark").resolve("lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> s = Files.list(lib)) {
        for (Path py : s.toList()) {
          Path home = py.resolve("site-packages").resolve("pyspark");
          if (Files.isExecutable(home.resolve("bin").resolve("spark-class"))) {
            return home;
          }
        }
      }
    }
    return fail("no Spark distribution: run tools/spark-env (PyPI's pyspark into .venv-spark) or set SPARK_HOME");
  }

  private void launch(String name, List<String> args, String workerOpts) throws IOException {
    Path home = sparkHome();
    List<String> cmd = new ArrayList<>();
    cmd.add(home.resolve("bin").resolve("spark-class").toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_WORKER_OPTS", workerOpts);
    pb.environment().put("SPARK_CONF_DIR", Files.createDirectories(dir.resolve("conf")).toString());
    processes.add(pb.start());
  }

  private void await(String name, String line, int seconds) throws IOException, InterruptedException {
    Path log = dir.resolve(name + ".log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      if (processes.stream().anyMatch(p -> !p.isAlive())) {
        break;
      }
      Thread.sleep(250);
    }
    close();
    fail("Spark " + name + " did not log '" + line + "':\n" + (Files.exists(log) ? Files.readString(log) : "(no log)"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
