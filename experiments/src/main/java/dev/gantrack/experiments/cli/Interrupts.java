package dev.gantrack.experiments.cli;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C for the whole process, from the first line of {@code main} on. A command that can stop
 * cleanly (a training run) {@link #cooperate}s: Ctrl-C then only raises {@link #requested()}, and
 * the process ends once the command says it is {@link #done} (at most 30 s later), its last lines
 * printed. Any other command simply ends. Either way the line the terminal echoed {@code ^C} on is
 * ended, so the shell prompt starts on a line of its own.
 */
final class Interrupts {
  private static final long GRACE_SECONDS = 30;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean cooperating = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private final Terminal terminal;

  private Interrupts(Terminal terminal) {
    this.terminal = terminal;
  }

  /** No Ctrl-C handling and no terminal (tests call commands in-process). */
  static Interrupts none() {
    return new Interrupts(null);
  }

  /** Handles the process's Ctrl-C (and SIGTERM) from now on. */
  static Interrupts install(Terminal terminal) {
    Interrupts interrupts = new Interrupts(terminal);
    Runtime.getRuntime().addShutdownHook(new Thread(interrupts::onShutdown, "gantrack-stop"));
    return interrupts;
  }

  /** The terminal, when the process has one. */
  Optional<Terminal> terminal() {
    return Optional.ofNullable(terminal);
  }

  /** The flag a cooperating command polls: true once the user asked to stop. */
  AtomicBoolean requested() {
    return requested;
  }

  /** From now on, Ctrl-C waits for {@link #done} instead of ending the process at once. */
  void cooperate() {
    cooperating.set(true);
  }

  /** The command has printed its last line; the process may end (called again by {@code main}: idempotent). */
  void done() {
    done.countDown();
  }

  private void onShutdown() {
    if (done.getCount() == 0) {
      return; // a normal exit after the command finished
    }
    requested.set(true);
    if (System.console() != null) {
      terminal.interrupted();
    }
    if (cooperating.get()) {
      try {
        done.await(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    terminal.endLine();
  }
}
