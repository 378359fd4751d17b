package dev.gantrack.experiments.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** gantrack's version and, when run from a checkout, its git commit and dirty flag. */
public final class Versions {
  private Versions() {}

  /** The version from the jar manifest, or the build's. */
  public static String gantrack() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }

  /** {@code git.commit} and {@code git.dirty} of the checkout gantrack runs from, if any. */
  public static Map<String, String> git() {
    Map<String, String> out = new LinkedHashMap<>();
    String home = System.getProperty("gantrack.home");
    Path dir = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    if (!Files.isDirectory(dir.resolve(".git")) && !Files.isRegularFile(dir.resolve(".git"))) {
      return out;
    }
    String commit = run(dir, "git", "rev-parse", "HEAD");
    if (commit != null && !commit.isBlank()) {
      out.put("git.commit", commit.trim());
      String status = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
      out.put("git.dirty", String.valueOf(status != null && !status.isBlank()));
    }
    return out;
  }

  private static String run(Path dir, String... command) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      try (InputStream in = p.getInputStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? text : null;
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
