package dev.gantrack.trackers.tensorboard;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Python interpreter the tests use to read what gantrack wrote with the real tools (TensorBoard,
 * MLflow), and a way to run scripts with it.
 *
 * <p>Lookup: system property {@code gantrack.python}, else environment variable {@code
 * GANTRACK_PYTHON}, else {@code <repo>/.venv/bin/python} with {@code <repo>} the system property
 * {@code gantrack.repo} (surefire sets it to the Maven root). If none exists the test fails (never
 * skips) and says to run {@code tools/python-env}.
 */
public final class PythonTool {
  private PythonTool() {}

  /** The interpreter, or a test failure explaining how to get one. */
  public static Path python() {
    List<String> tried = new ArrayList<>();
    String prop = System.getProperty("gantrack.python");
    if (prop != null && !prop.isBlank()) {
      return existing(Path.of(prop), "system property gantrack.python");
    }
    String env = System.getenv("GANTRACK_PYTHON");
    if (env != null && !env.isBlank()) {
      return existing(Path.of(env), "environment variable GANTRACK_PYTHON");
    }
    tried.add("system property gantrack.python (unset)");
    tried.add("environment variable GANTRACK_PYTHON (unset)");
    String repo = System.getProperty("gantrack.repo");
    if (repo != null && !repo.isBlank()) {
      Path venv = Path.of(repo).resolve(".venv/bin/python");
      if (Files.isExecutable(venv)) {
        return venv;
      }
      tried.add(venv + " (missing)");
    } else {
      tried.add("<gantrack.repo>/.venv/bin/python (system property gantrack.repo unset)");
    }
    return fail(
        "No Python with TensorBoard/MLflow for this test. Run tools/python-env in the repository"
            + " (creates .venv), or point -Dgantrack.python / GANTRACK_PYTHON at an interpreter."
            + " Tried: "
            + String.join("; ", tried));
  }

  private static Path existing(Path python, String source) {
    if (!Files.isExecutable(python)) {
      fail(source + " names " + python + ", which is not an executable; run tools/python-env or fix it");
    }
    return python;
  }

  /** A test resource as a file path (resources are plain files under target/test-classes). */
  public static Path resource(String name) {
    URL url = PythonTool.class.getClassLoader().getResource(name);
    if (url == null) {
      return fail("test resource " + name + " not found");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      return fail("test resource " + name + ": " + e);
    }
  }

  /**
   * What a script printed.
   *
   * @param exitCode the process's exit code
   * @param stdout standard output
   * @param stderr standard error
   */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs {@code python script args...}; fails the test on timeout or a non-zero exit. */
  public static Result run(Path script, Duration timeout, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(python().toString());
    cmd.add(script.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return fail("timed out after " + timeout + ": " + cmd + "\n" + err.getNow(""));
      }
      Result r = new Result(p.exitValue(), out.join(), err.join());
      if (r.exitCode() != 0) {
        fail(cmd + " exited with " + r.exitCode() + "\n" + r.stderr());
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  /** Reads a stream to its end on its own thread (never the common pool: a full pipe would block). */
  private static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try (in) {
                result.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "python-output");
    t.setDaemon(true);
    t.start();
    return result;
  }
}
