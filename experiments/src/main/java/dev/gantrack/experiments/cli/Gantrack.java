package dev.gantrack.experiments.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gantrack} command line: one class per subcommand, failures turned into exit codes and
 * one line by {@link Failures}. Exit codes: 0 ok, 1 training failed, 2 bad input (also a refused resume),
 * 3 MLflow records still left after {@code sync}, 130 stopped.
 */
@Command(name = "gantrack", mixinStandardHelpOptions = true, versionProvider = Gantrack.Version.class,
    description = "Declarative GAN experiments: every part a plugin, every run tracked.",
    subcommands = {RunCommand.class, ResumeCommand.class, RunsCommand.class, ValidateCommand.class,
        PluginsCommand.class, SchemaCommand.class, DoctorCommand.class, SyncCommand.class,
        SweepCommand.class,
        ReportCommand.class,
        PlotCommand.class,
        TrialCommand.class,
        EvalCommand.class,
        SampleCommand.class,
        TrainClassifierCommand.class,
        CommandLine.HelpCommand.class})
public final class Gantrack implements Callable<Integer> {
  /** Invalid input: a bad file, option or plugin. */
  public static final int BAD_INPUT = 2;
  /** Training failed. */
  public static final int FAILED = 1;
  /** Stopped by the user. */
  public static final int KILLED = 130;

  private final Interrupts interrupts;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private Gantrack(Interrupts interrupts) {
    this.interrupts = interrupts;
  }

  /** Ctrl-C as the subcommands see it. */
  Interrupts interrupts() {
    return interrupts;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Runs the command line and returns its exit code (for tests: no Ctrl-C, no terminal). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return execute(out, err, Interrupts.none(), args);
  }

  static int execute(PrintWriter out, PrintWriter err, Interrupts interrupts, String... args) {
    CommandLine cl = new CommandLine(new Gantrack(interrupts));
    cl.setOut(out);
    cl.setErr(err);
    Failures failures = new Failures(interrupts.terminal());
    cl.setExecutionExceptionHandler((ex, line, parsed) ->
        failures.report(ex, line.getErr(), parsed.originalArgs().contains("--debug")));
    cl.setParameterExceptionHandler((ex, a) -> failures.usage(ex, ex.getCommandLine().getErr()));
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
    Terminal terminal = Terminal.install();
    Interrupts interrupts = Interrupts.install(terminal);
    int code = execute(new PrintWriter(terminal.out(), true), new PrintWriter(terminal.err(), true), interrupts, args);
    interrupts.done();
    terminal.endLine();
    System.exit(code);
  }

  /** {@code gantrack --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"gantrack " + dev.gantrack.experiments.run.Versions.gantrack()};
    }
  }
}
