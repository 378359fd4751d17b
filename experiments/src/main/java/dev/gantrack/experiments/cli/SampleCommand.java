package dev.gantrack.experiments.cli;

import dev.gantrack.api.run.CheckpointInfo;
import dev.gantrack.api.run.Evaluation;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.run.FinishedRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gantrack sample RUN_DIR --n 64 --out grid.png}: draws samples from a finished run's generator
 * (the final checkpoint or a named one, the EMA copy when there is one), seeded, as a picture (a grid,
 * or a scatter plot over real points for 2-D data) or, with {@code --csv}, as one row per sample.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Draw samples from a finished run's generator: a PNG grid, or CSV rows with --csv.")
final class SampleCommand implements Callable<Integer> {
  @CommandLine.Mixin CommonOptions common = new CommonOptions();

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "run folder")
  Path runDir;

  @Option(names = "--n", paramLabel = "N", description = "samples (default: 64)")
  int n = 64;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "the PNG (or CSV) to write")
  Path out;

  @Option(names = "--csv", description = "write CSV rows (one sample per row; x,y for 2-D data) instead of a picture")
  boolean csv;

  @Option(names = "--seed", description = "seed of the latent vectors and labels (default: 0)")
  long seed;

  @Option(names = "--checkpoint", paramLabel = "NAME", description = "checkpoint: final (the newest, default) or step-000500 ...")
  String checkpoint = FinishedRun.NEWEST;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (n < 1 || n > 100_000) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--n: " + n + " is not allowed; 1 to 100000");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (!Files.isDirectory(parent)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--out: the folder " + parent + " does not exist");
    }
    FinishedRun run = new FinishedRun(runDir, common.registry());
    ExperimentLoader.Loaded loaded = run.load(List.of("metrics=[]"));
    CheckpointInfo chosen = run.checkpoint(loaded.experiment(), checkpoint);
    try (Evaluation evaluation = run.evaluation(loaded)) {
      evaluation.restore(chosen.path());
      float[] samples = evaluation.sample(n, seed);
      if (csv) {
        writeCsv(samples, loaded.data().shape());
      } else {
        Files.write(out, evaluation.picture(samples, (int) Math.ceil(Math.sqrt(n))));
      }
      spec.commandLine().getOut().println("gantrack: " + n + " samples of " + runDir + " " + chosen.name() + " ("
          + evaluation.generator() + ", seed " + seed + ") -> " + out);
    }
    return 0;
  }

  private void writeCsv(float[] samples, int[] shape) throws IOException {
    int length = samples.length / n;
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      if (length == 2) {
        w.write("x,y\n");
      } else {
        for (int i = 0; i < length; i++) {
          w.write((i == 0 ? "" : ",") + "v" + i);
        }
        w.write('\n');
      }
      for (int s = 0; s < n; s++) {
        for (int i = 0; i < length; i++) {
          if (i > 0) {
            w.write(',');
          }
          w.write(Float.toString(samples[s * length + i]));
        }
        w.write('\n');
      }
    }
  }
}
