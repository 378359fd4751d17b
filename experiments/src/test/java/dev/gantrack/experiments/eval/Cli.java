package dev.gantrack.experiments.eval;

import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.cli.Gantrack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The gantrack command line in this JVM, and the small MNIST experiment the evaluation tests train. */
final class Cli {
  private Cli() {}

  /** Exit code and output of one command. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * A DCGAN on the first 2,000 shipped digits, {@code steps} steps of batch 16 with checkpoints every 10,
   * the sample grid 4×4, an EMA copy of G, and {@code extra} YAML appended (metrics, trackers, ...).
   */
  static Path mnistExperiment(Path dir, String name, int steps, String extra) throws IOException {
    Path mnist = TestFiles.repo().resolve("experiments/data/mnist");
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(name + ".yaml"), """
        name: %s
        seed: 5
        device: cpu
        dataset:
          type: idx
          images: %s
          labels: %s
          limit: 2000
        generator: {type: dcgan, latent-dim: 16, base-channels: 16, upsamples: 2}
        discriminator: {type: dcgan, base-channels: 8, downsamples: 2}
        training: {steps: %d, batch-size: 16, log-every: 5, sample-every: 10, sample-grid: 4, checkpoint-every: 10, ema: 0.9}
        """.formatted(name, mnist.resolve("mnist-10k-images-idx3-ubyte.gz"), mnist.resolve("mnist-10k-labels-idx1-ubyte.gz"),
        steps) + extra);
  }

  /** The one run folder under {@code runs}. */
  static Path runFolder(Path runs) throws IOException {
    try (Stream<Path> s = Files.walk(runs, 2)) {
      return s.filter(p -> Files.exists(p.resolve("experiment.yaml"))).findFirst().orElseThrow();
    }
  }
}
