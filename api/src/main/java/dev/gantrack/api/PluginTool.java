package dev.gantrack.api;

import dev.gantrack.api.data.DataSource;
import java.io.PrintWriter;
import java.util.Map;

/**
 * A job a plugin runs outside a training run, started by a gantrack command that parses its options
 * (e.g. {@code gantrack train-classifier} runs the tool {@code train-classifier}, which trains the
 * MNIST classifier the metrics use). Contributed through {@link GantrackPlugin#tools()}.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface PluginTool {
  /** The tool's name, lower-case words joined by {@code -}. */
  String name();

  /** One line for listings. */
  String description();

  /**
   * Runs the tool on {@code data} with {@code options} (option name without dashes → value as the
   * user wrote it), printing progress to {@code out}, and returns a one-line summary. A bad option
   * is an {@link InvalidOptionException} naming it.
   */
  String run(Map<String, String> options, DataSource data, PrintWriter out) throws Exception;
}
