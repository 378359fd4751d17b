package dev.gantrack.experiments.cli;

import dev.gantrack.api.run.CheckpointInfo;
import dev.gantrack.api.run.Evaluation;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.run.EvaluationRecord;
import dev.gantrack.experiments.run.FinishedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gantrack eval RUN_DIR}: evaluates metrics on a finished run's generator (the final
 * checkpoint or a named one, the EMA copy when there is one), prints them, appends them to {@code
 * eval.json} in the run folder and logs them to the run's MLflow run when it has one.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate metrics (FID, KID, IS, ...) on a finished run's generator; writes eval.json.")
final class EvalCommand implements Callable<Integer> {
  @CommandLine.Mixin CommonOptions common = new CommonOptions();

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "run folder")
  Path runDir;

  @Option(names = "--metric", paramLabel = "TYPE",
      description = "metric type, repeatable (default: the run's metrics, else fid, kid, is, precision-recall, class-coverage)")
  List<String> metrics = new ArrayList<>();

  @Option(names = "--samples", paramLabel = "N", description = "generated samples per metric (for metrics with a samples option)")
  Integer samples;

  @Option(names = "--checkpoint", paramLabel = "NAME", description = "checkpoint: final (the newest, default) or step-000500 ...")
  String checkpoint = FinishedRun.NEWEST;

  @Option(names = "--extractor", paramLabel = "TYPE",
      description = "feature extractor when the run names none (default: mnist-classifier for 28×28 digits)")
  String extractor;

  @Option(names = "--grid", description = "score the sample grid's fixed batch (the run's pictures) instead of fresh samples")
  boolean grid;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (samples != null && samples < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--samples: " + samples + " is not allowed; at least 1");
    }
    FinishedRun run = new FinishedRun(runDir, common.registry());
    MetricChoice choice = new MetricChoice(run.loader(), spec.commandLine());
    choice.check(metrics, extractor);
    ExperimentLoader.Loaded base = run.load(List.of());
    CheckpointInfo chosen = run.checkpoint(base.experiment(), checkpoint);
    ExperimentLoader.Loaded loaded = run.load(choice.overrides(base, metrics, samples, extractor));
    PrintWriter out = spec.commandLine().getOut();
    try (Evaluation evaluation = run.evaluation(loaded); ProgressDisplay progress = new ProgressDisplay("eval")) {
      long step = evaluation.restore(chosen.path());
      long started = System.nanoTime();
      Map<String, Double> values = evaluation.evaluate(step, grid, progress);
      double seconds = (System.nanoTime() - started) / 1e9;
      progress.close();
      out.println("gantrack: " + runDir + " " + chosen.name() + " (" + evaluation.generator() + ", step " + step
          + (grid ? ", sample grid" : "") + String.format(Locale.ROOT, "), evaluated in %.1f s", seconds));
      values.forEach((k, v) -> out.printf(Locale.ROOT, "  %-26s %.6g%n", k, v));
      EvaluationRecord record = new EvaluationRecord(chosen.name(), evaluation.generator(), step, grid, values,
          evaluation.provenance());
      out.println("  -> " + record.append(runDir));
      record.toMlflow(runDir).ifPresent(line -> out.println("  " + line));
    }
    return 0;
  }
}
