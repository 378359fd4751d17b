package dev.gantrack.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.experiments.file.ExperimentLoader;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Which metrics and feature extractor {@code gantrack eval} evaluates a run with, as {@code --set}
 * overrides of the run's experiment: the {@code --metric} types, else the run's own metrics, else
 * FID, KID, IS, precision/recall and class coverage for images (mode coverage for 2-D points);
 * {@code --samples} set on every one that has that option; the run's extractor, else {@code
 * --extractor}, else {@code mnist-classifier} for 28×28 digits of up to 3 channels.
 */
final class MetricChoice {
  static final List<String> IMAGE_DEFAULTS = List.of("fid", "kid", "is", "precision-recall", "class-coverage");
  static final List<String> POINT_DEFAULTS = List.of("mode-coverage");
  static final String DIGITS_EXTRACTOR = "mnist-classifier";

  private final ExperimentLoader loader;
  private final CommandLine commandLine;

  MetricChoice(ExperimentLoader loader, CommandLine commandLine) {
    this.loader = loader;
    this.commandLine = commandLine;
  }

  /** Refuses unknown {@code --metric} and {@code --extractor} types (before anything is loaded). */
  void check(List<String> types, String extractor) {
    types.forEach(t -> type(PluginKind.METRIC, "--metric", t));
    if (extractor != null) {
      type(PluginKind.FEATURE_EXTRACTOR, "--extractor", extractor);
    }
  }

  /** The overrides for a run loaded as {@code base}. */
  List<String> overrides(ExperimentLoader.Loaded base, List<String> types, Integer samples, String extractor) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    int[] shape = base.data().shape();
    if (!types.isEmpty()) {
      types.forEach(t -> list.addObject().put("type", type(PluginKind.METRIC, "--metric", t).name()));
    } else if (!base.resolved().path("metrics").isEmpty()) {
      base.resolved().path("metrics").forEach(m -> list.add(m.deepCopy()));
    } else {
      (shape.length == 3 ? IMAGE_DEFAULTS : POINT_DEFAULTS).forEach(t -> list.addObject().put("type", t));
    }
    if (samples != null) {
      for (JsonNode m : list) {
        PluginType t = type(PluginKind.METRIC, "--metric", m.path("type").asText());
        if (loader.options().of(t).stream().anyMatch(o -> o.name().equals("samples"))) {
          ((ObjectNode) m).put("samples", samples);
        }
      }
    }
    List<String> out = new ArrayList<>();
    out.add("metrics=" + list);
    String chosen = extractor;
    if (chosen == null && base.experiment().featureExtractor() == null && digits(shape)) {
      chosen = DIGITS_EXTRACTOR;
    }
    if (chosen != null) {
      out.add("feature-extractor={type: " + type(PluginKind.FEATURE_EXTRACTOR, "--extractor", chosen).name() + "}");
    }
    return out;
  }

  private static boolean digits(int[] shape) {
    return shape.length == 3 && shape[0] <= 3 && shape[1] == 28 && shape[2] == 28;
  }

  private PluginType type(PluginKind kind, String option, String name) {
    return loader.options().registry().find(kind, name).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
        option + ": unknown " + kind.id() + " type '" + name + "'; known: "
            + String.join(", ", loader.options().registry().names(kind))));
  }
}
