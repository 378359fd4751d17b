package dev.gantrack.experiments.cli;

import dev.gantrack.experiments.file.ExperimentLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantrack validate FILE}: every check {@code run} makes, without training (exit 2 when invalid). */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check an experiment file without training (exit 2 when invalid).")
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Mixin CommonOptions common = new CommonOptions();

  @Parameters(index = "0", paramLabel = "FILE", description = "experiment file")
  Path file;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a field")
  List<String> sets = new ArrayList<>();

  @Option(names = "--print", description = "print the resolved experiment")
  boolean print;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ExperimentLoader.Loaded loaded = new ExperimentLoader(common.registry()).load(file, sets);
    PrintWriter out = spec.commandLine().getOut();
    if (print) {
      out.print(loaded.resolvedYaml());
    }
    out.println(file + ": ok (" + loaded.experiment().name() + ", data " + loaded.data() + ")");
    return 0;
  }
}
