package dev.gantrack.experiments.cli;

import dev.gantrack.experiments.run.Versions;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.Backend;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.api.track.RunStatus;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginConflictException;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.experiments.run.Runner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code gantrack} command line. Exit codes: 0 ok, 1 training failed, 2 bad input, 130 stopped. */
@Command(name = "gantrack", mixinStandardHelpOptions = true, versionProvider = Gantrack.Version.class,
    description = "Declarative GAN experiments: every part a plugin, every run tracked.",
    subcommands = {Gantrack.Run.class, Gantrack.Validate.class, Gantrack.Plugins.class, Gantrack.Doctor.class,
        Gantrack.Sync.class, CommandLine.HelpCommand.class})
public final class Gantrack implements Callable<Integer> {
  /** Invalid input: a bad file, option or plugin. */
  public static final int BAD_INPUT = 2;
  /** Training failed. */
  public static final int FAILED = 1;
  /** Stopped by the user. */
  public static final int KILLED = 130;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Gantrack());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, line, parsed) -> {
      boolean debug = parsed.originalArgs().contains("--debug");
      if (ex instanceof ExperimentException || ex instanceof PluginConflictException) {
        line.getErr().println("error: " + ex.getMessage());
        if (debug) {
          ex.printStackTrace(line.getErr());
        }
        line.getErr().flush();
        return BAD_INPUT;
      }
      line.getErr().println("error: " + ex);
      if (debug) {
        ex.printStackTrace(line.getErr());
      } else {
        line.getErr().println("(run again with --debug for the stack trace)");
      }
      line.getErr().flush();
      return FAILED;
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage());
      ex.getCommandLine().usage(ex.getCommandLine().getErr());
      return BAD_INPUT;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  public static void main(String[] args) {
    boolean debug = List.of(args).contains("--debug");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
    System.setProperty("org.slf4j.simpleLogger.log.dev.gantrack", debug ? "debug" : "info");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Options every command takes. */
  static class Common {
    @Option(names = "--plugins", description = "folder of plugin jars (default: ./plugins)")
    Path plugins = Path.of("plugins");

    @Option(names = "--debug", description = "show stack traces and debug logs")
    boolean debug;

    PluginRegistry registry() {
      return PluginRegistry.discover(plugins);
    }
  }

  @Command(name = "run", description = "Train an experiment and track it.")
  static final class Run implements Callable<Integer> {
    @CommandLine.Mixin Common common = new Common();

    @Parameters(index = "0", description = "experiment file (YAML or JSON)")
    Path file;

    @Option(names = "--set", description = "override a field: --set training.steps=200 --set loss.type=lsgan")
    List<String> sets = new ArrayList<>();

    @Option(names = "--tracker", description = "add a tracker by type (e.g. --tracker mlflow --tracker tensorboard)")
    List<String> trackers = new ArrayList<>();

    @Option(names = "--runs", description = "folder runs are written to (default: ./runs)")
    Path runs = Path.of("runs");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PluginRegistry registry = common.registry();
      ExperimentLoader loader = new ExperimentLoader(registry);
      ExperimentLoader.Loaded loaded = loader.load(file, sets);
      List<TrackerSpec> extra = new ArrayList<>();
      for (String t : trackers) {
        JsonNode node = JsonNodeFactory.instance.objectNode().put("type", t);
        try {
          extra.add(loader.mapper().treeToValue(node, TrackerSpec.class));
        } catch (Exception e) {
          throw new ExperimentException(null, "--tracker " + t, "unknown tracker; known: "
              + String.join(", ", registry.names(PluginKind.TRACKER)));
        }
      }
      AtomicBoolean cancel = new AtomicBoolean();
      CountDownLatch done = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        cancel.set(true);
        try {
          done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "gantrack-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      Runner.Result result;
      try {
        result = new Runner(registry, loader).run(loaded, extra, runs, cancel);
      } finally {
        done.countDown();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is already running
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("run folder: " + result.runDirectory());
      if (result.status() == RunStatus.FAILED) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: training failed: " + result.failure());
        if (common.debug && result.failure() != null) {
          result.failure().printStackTrace(err);
        }
        err.flush();
        return FAILED;
      }
      return result.status() == RunStatus.KILLED ? KILLED : 0;
    }
  }

  @Command(name = "validate", description = "Check an experiment file without training (exit 2 when invalid).")
  static final class Validate implements Callable<Integer> {
    @CommandLine.Mixin Common common = new Common();

    @Parameters(index = "0", description = "experiment file")
    Path file;

    @Option(names = "--set", description = "override a field")
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

  @Command(name = "plugins", description = "List every registered plugin type with its options and defaults.")
  static final class Plugins implements Callable<Integer> {
    @CommandLine.Mixin Common common = new Common();

    @Option(names = "--kind", description = "only this kind (generator, loss, ...)")
    String kind;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PluginRegistry registry = common.registry();
      ObjectMapper mapper = new ExperimentLoader(registry).mapper();
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
        out.printf(Locale.ROOT, "  %-18s %s   [%s]%n", t.name(), t.description(), registry.source(t));
        options(out, mapper, mapper.constructType(t.specClass()), defaults(mapper, t), "");
      }
      out.println();
      out.println("backends: " + String.join(", ", registry.backendNames()));
      return 0;
    }

    /**
     * One line per option with its default ("required" for an option the type cannot do without);
     * an option whose default is itself a group of options (e.g. an optimizer) is listed option by
     * option as {@code group.option}.
     */
    private static void options(PrintWriter out, ObjectMapper mapper, JavaType type, JsonNode defaults, String prefix) {
      String line = prefix.isEmpty() ? "      %-20s = %-12s %s%n" : "      %-28s = %-12s %s%n";
      for (BeanPropertyDefinition p : mapper.getSerializationConfig().introspect(type).findProperties()) {
        if (p.getName().equals("type")) {
          continue;
        }
        JsonNode d = defaults == null ? null : defaults.get(p.getName());
        String description = p.getMetadata().getDescription();
        if (d != null && d.isObject() && p.getPrimaryType() != null) {
          out.printf(Locale.ROOT, "      %-20s %s%n", prefix + p.getName() + ":", description == null ? "" : description);
          options(out, mapper, p.getPrimaryType(), d, prefix + p.getName() + ".");
          continue;
        }
        String value = defaults == null || (d != null && d.isTextual() && d.asText().equals(REQUIRED))
            ? "required"
            : d == null || d.isNull() ? "(none)" : d.toString().replace("\"", "");
        out.printf(Locale.ROOT, line, prefix + p.getName(), value, description == null ? "" : description);
      }
    }

    /** Marks, in the defaults of a type, an option that has none. */
    private static final String REQUIRED = "\u0000required";

    /**
     * The options of type {@code t} at their defaults: {@code {"type": name}} read as a spec. When the
     * type needs an option (an idx dataset's images), each text option in turn is tried with a
     * placeholder value, and the one that makes the spec readable is marked {@link #REQUIRED}; null
     * when neither works.
     */
    private static JsonNode defaults(ObjectMapper mapper, PluginType t) {
      JsonNode all = read(mapper, t, null);
      if (all != null) {
        return all;
      }
      for (BeanPropertyDefinition p : mapper.getSerializationConfig().introspect(mapper.constructType(t.specClass())).findProperties()) {
        if (p.getRawPrimaryType() == String.class && !p.getName().equals("type")) {
          JsonNode d = read(mapper, t, p.getName());
          if (d != null) {
            return ((ObjectNode) d).put(p.getName(), REQUIRED);
          }
        }
      }
      return null;
    }

    private static JsonNode read(ObjectMapper mapper, PluginType t, String placeholderOption) {
      try {
        // the type id is needed to read a spec at all
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("type", t.name());
        if (placeholderOption != null) {
          node.put(placeholderOption, "placeholder");
        }
        JsonNode d = mapper.valueToTree(mapper.treeToValue(node, t.specClass()));
        return d.isObject() ? d : null;
      } catch (Exception e) {
        return null;
      }
    }
  }

  @Command(name = "doctor", description = "Java, DJL engine and version, CPU/CUDA devices, and what to fix.")
  static final class Doctor implements Callable<Integer> {
    @CommandLine.Mixin Common common = new Common();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PluginRegistry registry = common.registry();
      out.println("gantrack " + dev.gantrack.experiments.run.Versions.gantrack());
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

  @Command(name = "sync", description = "Deliver what a run folder still holds for MLflow (idempotent).")
  static final class Sync implements Callable<Integer> {
    @Parameters(index = "0", description = "run folder")
    Path runDir;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return SyncCommand.sync(runDir, spec.commandLine().getOut()) ? 0 : FAILED;
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"gantrack " + dev.gantrack.experiments.run.Versions.gantrack()};
    }
  }
}
