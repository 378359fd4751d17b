package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gantrack.trackers.tensorboard.PythonTool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real MLflow tracking server for tests: {@code python -m mlflow server} on a free loopback port
 * with a SQLite store and proxied artifacts in a folder of its own. {@link #kill()} and {@link
 * #start()} again keep the port and the store, so a test can take the server away mid-run.
 *
 * <p>Python is {@link PythonTool#python()}: {@code -Dgantrack.python}, else {@code $GANTRACK_PYTHON},
 * else {@code <repo>/.venv/bin/python} ({@code -Dgantrack.repo}, set by the build); without one the
 * test fails and says to run {@code tools/python-env}.
 */
public final class MlflowServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final Path python;
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;
  private int starts;

  private MlflowServer(Path python, Path dir, int port) {
    this.python = python;
    this.dir = dir;
    this.port = port;
  }

  /** A server (not started yet) keeping its store in {@code dir}, on a free port. */
  public static MlflowServer in(Path dir) throws IOException {
    return new MlflowServer(PythonTool.python(), dir, freePort());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** {@code http://127.0.0.1:<port>}: the server, whether it runs or not. */
  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  /** A REST client of the server without credentials. */
  MlflowRest rest() {
    return new MlflowRest(uri(), MlflowRest.credentials(uri(), Map.of()));
  }

  /** Starts the server and waits until {@code /health} answers. */
  public MlflowServer start() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      return this;
    }
    Files.createDirectories(dir.resolve("artifacts"));
    Path log = dir.resolve("server-" + (++starts) + ".log");
    ProcessBuilder pb = new ProcessBuilder(
        python.toString(), "-m", "mlflow", "server",
        "--host", "127.0.0.1",
        "--port", Integer.toString(port),
        "--workers", "1",
        "--backend-store-uri", "sqlite:///" + dir.resolve("mlflow.db").toAbsolutePath(),
        "--artifacts-destination", dir.resolve("artifacts").toAbsolutePath().toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("MLFLOW_"));
    env.put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
    env.put("PYTHONUNBUFFERED", "1");
    process = pb.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("the MLflow server exited with " + process.exitValue() + ":\n" + tail(log));
      }
      if (healthy()) {
        return this;
      }
      Thread.sleep(200);
    }
    kill();
    fail("the MLflow server did not answer /health within " + START_TIMEOUT + ":\n" + tail(log));
    return this;
  }

  /** Whether {@code /health} answers 200 now. */
  public boolean healthy() {
    try {
      HttpResponse<Void> r = http.send(
          HttpRequest.newBuilder(URI.create(uri() + "/health")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Takes the server away at once (SIGKILL to it and its workers), like a crash. */
  public void kill() throws InterruptedException {
    stopTree(true);
  }

  /** Stops the server (SIGTERM to it and its workers). */
  public void stop() throws InterruptedException {
    stopTree(false);
  }

  private void stopTree(boolean force) throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    for (ProcessHandle h : all) {
      if (force) {
        h.destroyForcibly();
      } else {
        h.destroy();
      }
    }
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(force ? 10 : 20, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    process.waitFor(10, TimeUnit.SECONDS);
    process = null;
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
