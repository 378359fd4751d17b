package dev.gantrack.experiments.cli;

import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.plugin.PluginConflictException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The one place a failure becomes an exit code and a line on stderr. Bad input (an experiment
 * file, a plugin, the command line) is exit {@link Gantrack#BAD_INPUT} and one line naming what is
 * wrong; anything else is exit {@link Gantrack#FAILED} and one line with the failure's message (its
 * class name only when it has none). {@code --debug} adds the stack trace. Every line starts on a
 * line of its own and ends with a newline.
 */
final class Failures {
  private static final String DEBUG_HINT = " (--debug shows the stack trace)";
  private final Optional<Terminal> terminal;

  Failures(Optional<Terminal> terminal) {
    this.terminal = terminal;
  }

  /** An exception a command threw: its exit code, after one line (and with {@code debug} the stack trace). */
  int report(Throwable ex, PrintWriter err, boolean debug) {
    boolean badInput = ex instanceof ExperimentException || ex instanceof PluginConflictException;
    line(err, badInput ? ex.getMessage() : describe(ex) + (debug ? "" : DEBUG_HINT));
    if (debug) {
      ex.printStackTrace(err);
      err.flush();
    }
    return badInput ? Gantrack.BAD_INPUT : Gantrack.FAILED;
  }

  /** A training run that failed: exit {@link Gantrack#FAILED} after one line. */
  int trainingFailed(Throwable failure, PrintWriter err, boolean debug) {
    line(err, "training failed: " + (failure == null ? "(no reason given)" : describe(failure))
        + (debug || failure == null ? "" : DEBUG_HINT));
    if (debug && failure != null) {
      failure.printStackTrace(err);
      err.flush();
    }
    return Gantrack.FAILED;
  }

  /** A command line picocli could not parse: exit {@link Gantrack#BAD_INPUT}, one line pointing at the command's help. */
  int usage(CommandLine.ParameterException ex, PrintWriter err) {
    String command = ex.getCommandLine().getCommandSpec().qualifiedName();
    line(err, ex.getMessage() + " (see " + command + " --help)");
    return Gantrack.BAD_INPUT;
  }

  /** {@code error: <text>} on a line of its own. */
  void line(PrintWriter err, String text) {
    err.flush();
    terminal.ifPresent(Terminal::endLine);
    err.println("error: " + text);
    err.flush();
  }

  /**
   * What went wrong, in the failure's own words: its message, or, for a wrapper whose message is
   * only its cause's class and message, the cause's; the class's simple name when none has a message.
   */
  static String describe(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message.strip();
  }
}
