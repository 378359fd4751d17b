package dev.gantrack.experiments.cli;

import dev.gantrack.api.Backend;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.run.Versions;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gantrack doctor}: versions, each backend's engine and devices, and what to fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Java, DJL engine and version, CPU/CUDA devices, and what to fix.")
final class DoctorCommand implements Callable<Integer> {
  @CommandLine.Mixin CommonOptions common = new CommonOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PluginRegistry registry = common.registry();
    out.println("gantrack " + Versions.gantrack());
    out.println("plugin types: " + registry.all().size() + " (" + registry.backendNames().size() + " backend(s))");
    for (String name : registry.backendNames()) {
      Backend b = registry.backend(name).orElseThrow();
      out.println("backend " + name + ":");
      for (Map.Entry<String, String> e : b.diagnose().entrySet()) {
        out.printf(Locale.ROOT, "  %-16s %s%n", e.getKey(), e.getValue());
      }
    }
    return 0;
  }
}
