package dev.gantrack.experiments;

import java.nio.file.Path;

/** What the experiments module's tests share: where the repository is, and the smallest ring experiment. */
public final class TestFiles {
  /** A ring GAN small enough to validate (and train for a few steps) in a blink. */
  public static final String TINY_RING = """
      name: ring
      seed: 3
      dataset: {type: ring}
      generator: {type: mlp, latent-dim: 8, hidden: 16, layers: 1, output: linear}
      discriminator: {type: mlp, hidden: 16, layers: 1}
      training: {steps: 10, batch-size: 8}
      """;

  private TestFiles() {}

  /** The repository root: {@code -Dgantrack.repo} (set by the build), else the module folder's parent. */
  public static Path repo() {
    String repo = System.getProperty("gantrack.repo");
    return repo != null ? Path.of(repo) : Path.of("").toAbsolutePath().getParent();
  }
}
