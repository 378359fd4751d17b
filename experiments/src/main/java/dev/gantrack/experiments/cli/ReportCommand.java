package dev.gantrack.experiments.cli;

import dev.gantrack.experiments.compare.HtmlReport;
import dev.gantrack.experiments.compare.ReportRuns;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.SweepRank;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantrack report RUNS... | SWEEP_DIR > report.html}: one self-contained HTML page comparing runs. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Compare runs (run folders, folders of them, or a sweep's folder) in one self-contained HTML page.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "run folders, folders of run folders, or sweep folders (runs/sweeps/<id>)")
  List<Path> paths;

  @Option(names = "--rank", paramLabel = "METRIC:min|max", description = "order of the table (default: the sweep's ranking)")
  String rank;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the page to FILE instead of standard output")
  Path output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ReportRuns.Found found = ReportRuns.of(paths);
    SweepRank order = found.rank();
    if (rank != null) {
      try {
        order = SweepRank.parse(rank);
      } catch (IllegalArgumentException e) {
        throw new ExperimentException(null, "--rank", e.getMessage());
      }
    }
    String page = new HtmlReport(found.runs(), order, found.title()).render();
    if (output != null) {
      Files.writeString(output, page, StandardCharsets.UTF_8);
      spec.commandLine().getErr().println("gantrack: report of " + found.runs().size() + " runs -> " + output);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.print(page);
      out.flush();
    }
    return 0;
  }
}
