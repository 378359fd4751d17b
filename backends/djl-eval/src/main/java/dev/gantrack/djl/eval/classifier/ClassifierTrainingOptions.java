package dev.gantrack.djl.eval.classifier;

import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code gantrack train-classifier}, checked: where the weights go, epochs, seed,
 * held-out digits, batch size and Adam's learning rate.
 */
public record ClassifierTrainingOptions(Path out, int epochs, long seed, int holdout, int batchSize,
    double learningRate) {
  /** The option names the tool reads. */
  public static final Set<String> NAMES = Set.of("out", "epochs", "seed", "holdout", "batch-size", "lr");

  /** From the tool's option map (name → text); unknown names and bad values are refused naming the option. */
  public static ClassifierTrainingOptions parse(Map<String, String> options) {
    for (String name : options.keySet()) {
      if (!NAMES.contains(name)) {
        throw new InvalidOptionException(name, "unknown option; allowed: " + String.join(", ", NAMES.stream().sorted().toList()));
      }
    }
    String out = Checks.required("out", options.get("out"));
    return new ClassifierTrainingOptions(Path.of(out),
        Checks.range("epochs", integer(options, "epochs"), 12, 1, 1000),
        options.containsKey("seed") ? longValue(options, "seed") : 1L,
        Checks.range("holdout", integer(options, "holdout"), 1000, 1, Integer.MAX_VALUE),
        Checks.range("batch-size", integer(options, "batch-size"), 64, 1, 4096),
        Checks.range("lr", number(options, "lr"), 1e-3, 1e-6, 1.0));
  }

  private static Integer integer(Map<String, String> options, String name) {
    String v = options.get(name);
    try {
      return v == null ? null : Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidOptionException(name, "'" + v + "' is not a whole number");
    }
  }

  private static Long longValue(Map<String, String> options, String name) {
    String v = options.get(name);
    try {
      return v == null ? null : Long.valueOf(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidOptionException(name, "'" + v + "' is not a whole number");
    }
  }

  private static Double number(Map<String, String> options, String name) {
    String v = options.get(name);
    try {
      return v == null ? null : Double.valueOf(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidOptionException(name, "'" + v + "' is not a number");
    }
  }
}
