package dev.gantrack.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Lines on the screen stdout and stderr share are never left open: a line one stream leaves open
 * (a progress bar) is ended before the other writes, and the process's last line always ends.
 */
class TerminalTest {
  /** Both streams write to one screen, as on a terminal. */
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final Terminal terminal = new Terminal(screen, screen, StandardCharsets.UTF_8);

  private String screen() {
    return screen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aLineTheProgressBarLeftOpenIsEndedBeforeTheNextLine() {
    terminal.err().print("\rtraining   0% [    ] 0/200000");
    terminal.err().print("\rtraining   1% [    ] 720/200000");
    terminal.out().println("gantrack: run killed after 720 steps");
    assertEquals("\rtraining   0% [    ] 0/200000\rtraining   1% [    ] 720/200000\ngantrack: run killed after 720 steps\n",
        screen());
  }

  @Test
  void aStreamThatEndsItsOwnLineGetsNoExtraNewline() {
    terminal.err().print("\rtraining 10%");
    terminal.out().println();
    terminal.out().println("  step 10: mode-coverage 8");
    terminal.out().print("partial");
    terminal.out().println(" line");
    assertEquals("\rtraining 10%\n  step 10: mode-coverage 8\npartial line\n", screen());
  }

  @Test
  void endLineEndsAnOpenLineOnlyOnce() {
    terminal.out().print("run folder: runs/x");
    terminal.endLine();
    terminal.endLine();
    terminal.err().println("error: y");
    terminal.endLine();
    assertEquals("run folder: runs/x\nerror: y\n", screen());
  }

  @Test
  void afterCtrlCTheNextLineStartsBelowTheEchoedCaret() {
    terminal.out().println("step 50");
    terminal.interrupted();
    terminal.out().println("gantrack: run killed after 50 steps");
    terminal.interrupted();
    terminal.endLine();
    assertEquals("step 50\n\ngantrack: run killed after 50 steps\n\n", screen());
  }
}
