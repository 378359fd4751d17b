package dev.gantrack.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantrack.api.OptionRule;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.experiments.file.DeclaredOptions;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.file.SpecOptions;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gantrack plugins}: every registered type with its options, each with its default (or
 * "required") and the range or choices its spec declares ({@link DeclaredOptions}); an option group
 * (an optimizer) is listed option by option as {@code group.option}.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List every registered plugin type with its options, defaults, ranges and choices.")
final class PluginsCommand implements Callable<Integer> {
  @CommandLine.Mixin CommonOptions common = new CommonOptions();

  @Option(names = "--kind", paramLabel = "KIND", description = "only this kind (generator, loss, ...)")
  String kind;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PluginRegistry registry = common.registry();
    SpecOptions options = new ExperimentLoader(registry).options();
    PrintWriter out = spec.commandLine().getOut();
    PluginKind current = null;
    for (PluginType t : registry.all()) {
      if (kind != null && !t.kind().id().equals(kind)) {
        continue;
      }
      if (t.kind() != current) {
        current = t.kind();
        out.println();
        out.println(current.id() + ":");
      }
      out.printf(Locale.ROOT, "  %-22s %s   [%s]%n", t.name(), t.description(), registry.source(t));
      list(out, options.of(t), options.declared(t), "");
    }
    out.println();
    out.println("backends: " + String.join(", ", registry.backendNames()));
    return 0;
  }

  private static void list(PrintWriter out, List<SpecOptions.Option> options, DeclaredOptions declared, String prefix) {
    String line = prefix.isEmpty() ? "      %-20s = %-12s %s%s%n" : "      %-28s = %-12s %s%s%n";
    for (SpecOptions.Option o : options) {
      String path = prefix + o.name();
      if (o.isGroup()) {
        out.printf(Locale.ROOT, "      %-20s %s%n", path + ":", o.description());
        list(out, o.group(), declared, path + ".");
        continue;
      }
      String rule = declared.rule(path).map(PluginsCommand::allowed).orElse("");
      out.printf(Locale.ROOT, line, path, value(declared, path), rule.isEmpty() ? "" : "[" + rule + "] ", o.description());
    }
  }

  /** The default as the listing shows it: "required", "(none)", or the value. */
  private static String value(DeclaredOptions declared, String path) {
    if (declared.instance() == null) {
      return "?";
    }
    if (declared.required(path)) {
      return "required";
    }
    JsonNode d = declared.defaultValue(path);
    return d == null ? "(none)" : d.toString().replace("\"", "");
  }

  /** "1 to 4096", "batch | layer | none", or empty. */
  static String allowed(OptionRule rule) {
    if (!rule.allowed().isEmpty()) {
      return String.join(" | ", rule.allowed());
    }
    if (rule.min() != null && rule.max() != null) {
      return number(rule.min(), rule.wholeNumber()) + " to " + number(rule.max(), rule.wholeNumber());
    }
    return "";
  }

  private static String number(Number n, boolean whole) {
    double d = n.doubleValue();
    if (whole || (d == Math.rint(d) && Math.abs(d) < 1e15)) {
      return d >= Integer.MAX_VALUE ? "max" : String.valueOf((long) d);
    }
    return String.valueOf(d);
  }
}
