package dev.gantrack.experiments.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * The process's standard output and error seen as the one screen they share. It remembers whether
 * the last character written to either ended a line, so that nothing starts in the middle of
 * another's line: a write to one stream while the other left its line open (a progress bar drawn
 * with carriage returns on stderr, then a line on stdout) first ends that line, and the process's
 * last output (an error, the end of a run stopped by Ctrl-C, whose {@code ^C} the terminal echoed)
 * is ended with a newline, so the shell prompt starts on a line of its own.
 */
final class Terminal {
  private final PrintStream out;
  private final PrintStream err;
  private final Object lock = new Object();
  private Tracked lastWriter;
  private boolean lineOpen;

  Terminal(OutputStream out, OutputStream err, Charset charset) {
    this.out = new PrintStream(new Tracked(out), true, charset);
    this.err = new PrintStream(new Tracked(err), true, charset);
  }

  /** Wraps {@link System#out} and {@link System#err}, so that everything the process prints goes through one terminal. */
  static Terminal install() {
    String encoding = System.getProperty("sun.stdout.encoding");
    Terminal t = new Terminal(System.out, System.err, encoding == null ? Charset.defaultCharset() : Charset.forName(encoding));
    System.setOut(t.out);
    System.setErr(t.err);
    return t;
  }

  /** Standard output. */
  PrintStream out() {
    return out;
  }

  /** Standard error. */
  PrintStream err() {
    return err;
  }

  /** Ends the line the screen is on, if the last thing written left it open. */
  void endLine() {
    synchronized (lock) {
      if (lineOpen) {
        err.print('\n');
        err.flush();
      }
    }
  }

  /** The terminal echoed {@code ^C} on the current line. */
  void interrupted() {
    synchronized (lock) {
      lineOpen = true;
      lastWriter = null;
    }
  }

  /** A stream that keeps the terminal's line state up to date. */
  private final class Tracked extends FilterOutputStream {
    private final OutputStream target;

    Tracked(OutputStream target) {
      super(target);
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len <= 0) {
        return;
      }
      synchronized (lock) {
        if (lineOpen && lastWriter != this && b[off] != '\n' && b[off] != '\r') {
          target.write('\n');
          target.flush();
        }
        target.write(b, off, len);
        lineOpen = b[off + len - 1] != '\n';
        lastWriter = this;
      }
    }

    @Override
    public void flush() throws IOException {
      target.flush();
    }
  }
}
