package dev.gantrack.experiments.cli;

import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.PluginTool;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.experiments.data.IdxDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gantrack train-classifier}: trains the MNIST classifier of the {@code mnist-classifier}
 * feature extractor on the shipped digits with a held-out split, seeded, and writes its weights and
 * their SHA-256 (by default over the shipped ones, in the source tree gantrack runs from).
 */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
    description = "Train the MNIST classifier the metrics use (held-out split, seeded); write its weights + SHA-256.")
final class TrainClassifierCommand implements Callable<Integer> {
  /** Where the shipped weights live, relative to gantrack's home (the source tree). */
  static final String SHIPPED = "backends/djl-eval/src/main/resources/dev/gantrack/djl/eval/extractor/mnist-classifier.params";
  static final String DIGITS = "experiments/data/mnist/mnist-10k-images-idx3-ubyte.gz";
  static final String LABELS = "experiments/data/mnist/mnist-10k-labels-idx1-ubyte.gz";

  @CommandLine.Mixin CommonOptions common = new CommonOptions();

  @Option(names = "--images", paramLabel = "FILE", description = "IDX digits (default: the shipped 10,000)")
  Path images;

  @Option(names = "--labels", paramLabel = "FILE", description = "IDX labels (default: the shipped ones)")
  Path labels;

  @Option(names = "--out", paramLabel = "FILE", description = "weights file; FILE.sha256 is written beside it (default: the shipped weights, " + SHIPPED + ")")
  Path out;

  @Option(names = "--epochs", description = "epochs (default: 12)")
  Integer epochs;

  @Option(names = "--seed", description = "seed of the split, the shuffles and the initial weights (default: 1)")
  Long seed;

  @Option(names = "--holdout", description = "digits held out to measure accuracy (default: 1000)")
  Integer holdout;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PluginTool tool = common.registry().tool("train-classifier").orElseThrow(() ->
        new IllegalStateException("no plugin contributes the tool train-classifier (is gantrack-djl-eval missing?)"));
    Path home = Path.of(System.getProperty("gantrack.home", "."));
    Map<String, String> options = new LinkedHashMap<>();
    options.put("out", String.valueOf(out != null ? out : home.resolve(SHIPPED)));
    put(options, "epochs", epochs);
    put(options, "seed", seed);
    put(options, "holdout", holdout);
    PrintWriter printer = spec.commandLine().getOut();
    try {
      DataSource data = open(images != null ? images : home.resolve(DIGITS), labels != null ? labels : home.resolve(LABELS));
      printer.println(tool.run(options, data, printer));
    } catch (InvalidOptionException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
    return 0;
  }

  private static void put(Map<String, String> options, String name, Object value) {
    if (value != null) {
      options.put(name, value.toString());
    }
  }

  private void requireFile(String option, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + file + " does not exist");
    }
  }

  private DataSource open(Path images, Path labels) {
    requireFile("--images", images);
    requireFile("--labels", labels);
    try {
      return new IdxDataset(images.toString(), labels.toString(), null).open(PluginContext.at(Path.of(".")));
    } catch (IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--images: cannot read " + images + ": " + e.getMessage());
    }
  }
}
