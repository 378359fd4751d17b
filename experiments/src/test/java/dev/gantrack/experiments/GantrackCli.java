package dev.gantrack.experiments;

import dev.gantrack.experiments.cli.Gantrack;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The gantrack command line called in this JVM, as tests call it: its exit code and what it printed. */
public final class GantrackCli {
  private GantrackCli() {}

  /** An exit code and the two streams' text. */
  public record Outcome(int code, String out, String err) {}

  /** Runs {@code gantrack args...}. */
  public static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }
}
