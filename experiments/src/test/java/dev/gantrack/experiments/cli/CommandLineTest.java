package dev.gantrack.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.experiments.TestFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/** What every subcommand shares: --help, the --plugins folder check, one line for a bad command line. */
class CommandLineTest {
  @TempDir Path dir;

  record Outcome(int code, String out, String err) {}

  static Outcome gantrack(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  /** The subcommands, read from the root command's declaration (so a new one is tested too). */
  private static List<String> subcommands() {
    List<String> names = new ArrayList<>();
    for (Class<?> c : Gantrack.class.getAnnotation(Command.class).subcommands()) {
      names.add(c.getAnnotation(Command.class).name());
    }
    return names;
  }

  @Test
  void everySubcommandAcceptsHelpAndH() {
    List<String> names = subcommands();
    assertTrue(names.containsAll(List.of("run", "validate", "plugins", "schema", "doctor", "sync", "help")), names.toString());
    for (String name : names) {
      for (String flag : List.of("--help", "-h")) {
        Outcome o = gantrack(name, flag);
        assertEquals(0, o.code(), name + " " + flag + ":\n" + o.err());
        assertTrue(o.out().contains("Usage: gantrack " + name), name + " " + flag + ":\n" + o.out());
        assertEquals("", o.err(), name + " " + flag);
      }
    }
  }

  @Test
  void aPluginsFolderNamedExplicitlyMustExist() throws IOException {
    Path ring = Files.writeString(dir.resolve("ring.yaml"), TestFiles.TINY_RING);
    Path missing = dir.resolve("no/such/dir");
    for (String command : List.of("validate", "plugins", "schema", "doctor", "run")) {
      List<String> args = new ArrayList<>(List.of(command, "--plugins", missing.toString()));
      if (command.equals("validate") || command.equals("run")) {
        args.add(ring.toString());
      }
      Outcome o = gantrack(args.toArray(String[]::new));
      assertEquals(Gantrack.BAD_INPUT, o.code(), command + ": " + o.err());
      assertEquals("error: --plugins " + missing + ": no such folder\n", o.err().replace("\r\n", "\n"), command);
    }
    Path file = Files.writeString(dir.resolve("plugins.jar"), "not a folder");
    Outcome f = gantrack("validate", ring.toString(), "--plugins", file.toString());
    assertEquals(Gantrack.BAD_INPUT, f.code());
    assertTrue(f.err().strip().endsWith(": is a file, not a folder of plugin jars"), f.err());
    assertEquals(1, f.err().strip().lines().count(), f.err());
  }

  @Test
  void theDefaultPluginsFolderMayBeAbsent() throws IOException {
    assertFalse(Files.exists(Path.of("plugins")), "the tests run where ./plugins does not exist");
    Path ring = Files.writeString(dir.resolve("ring.yaml"), TestFiles.TINY_RING);
    Outcome o = gantrack("validate", ring.toString());
    assertEquals(0, o.code(), o.err());
    assertEquals("", o.err());
  }

  @Test
  void aBadCommandLineIsOneLinePointingAtTheCommandsHelp() {
    for (String[] args : List.of(new String[] {"validate"}, new String[] {"plugins", "--bogus"},
        new String[] {"schema", "extra"})) {
      Outcome o = gantrack(args);
      assertEquals(Gantrack.BAD_INPUT, o.code(), String.join(" ", args));
      String line = o.err().strip();
      assertEquals(1, line.lines().count(), o.err());
      assertTrue(line.startsWith("error: ") && line.endsWith("(see gantrack " + args[0] + " --help)"), line);
    }
  }

  /** A backend's failure, nested the way a training loop wraps it. */
  static final class DivergedException extends RuntimeException {
    DivergedException(String message) {
      super(message);
    }
  }

  @Test
  void aFailureIsDescribedByItsMessageNotItsClassName() {
    String diverged = "training diverged at step 10: d_loss=NaN g_loss=NaN";
    assertEquals(diverged, Failures.describe(new DivergedException(diverged)));
    assertEquals(diverged, Failures.describe(new RuntimeException(new DivergedException(diverged))),
        "a wrapper whose message is only its cause's");
    assertEquals("engine failed: " + diverged,
        Failures.describe(new IllegalStateException("engine failed: " + diverged, new DivergedException(diverged))));
    assertEquals("DivergedException", Failures.describe(new DivergedException(null)), "the class only when there is no message");
  }
}
