package dev.gantrack.experiments.cli;

import dev.gantrack.experiments.compare.MetricPlot;
import dev.gantrack.experiments.compare.ReportRuns;
import dev.gantrack.experiments.file.ExperimentException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantrack plot RUNS... --metric fid --out fid.png}: logged metrics against steps, as a PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = "Plot logged metrics against steps (one chart per metric, one line per run) into a PNG.")
final class PlotCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "run folders, folders of run folders, or sweep folders")
  List<Path> paths;

  @Option(names = {"-m", "--metric"}, required = true, paramLabel = "NAME",
      description = "a logged metric (a metrics.jsonl column: fid, d_loss, modes_captured, ...); repeat for more charts")
  List<String> metrics;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.png", description = "the PNG to write")
  Path out;

  @Option(names = "--size", paramLabel = "WxH", defaultValue = "800x400", description = "each chart's size in pixels (default 800x400)")
  String size;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!size.matches("[1-9][0-9]{1,3}x[1-9][0-9]{1,3}")) {
      throw new ExperimentException(null, "--size", "'" + size + "' is not WIDTHxHEIGHT in pixels (10-9999 each), e.g. 800x400");
    }
    if (!out.getFileName().toString().endsWith(".png")) {
      throw new ExperimentException(null, "--out", "'" + out + "' must name a .png file");
    }
    ReportRuns.Found found = ReportRuns.of(paths);
    MetricPlot plot;
    try {
      plot = new MetricPlot(found.runs(), metrics);
    } catch (IllegalArgumentException e) {
      throw new ExperimentException(null, "--metric", e.getMessage());
    }
    System.setProperty("java.awt.headless", "true");
    String[] wh = size.split("x");
    Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".plot-", ".png");
    try (OutputStream stream = Files.newOutputStream(tmp)) {
      plot.write(stream, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    spec.commandLine().getErr().println("gantrack: " + String.join(", ", metrics) + " of " + found.runs().size()
        + " run(s) -> " + out);
    return 0;
  }
}
