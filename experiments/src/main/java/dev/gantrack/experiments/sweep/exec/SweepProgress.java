package dev.gantrack.experiments.sweep.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.experiments.compare.RunRecord;
import dev.gantrack.experiments.sweep.PlannedTrial;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress line per running trial, read from the last line of its {@code metrics.jsonl} (the
 * trial runs in another process, here or on Spark; its folder is all the sweep sees). On a
 * terminal each running trial has a progress bar that stays under the log; otherwise a line per
 * trial at most every {@code everySeconds} while it advances, and a line when it starts and ends.
 */
public final class SweepProgress implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;
  private final boolean bars;
  private final long everyNanos;
  private final int total;
  private final Map<PlannedTrial, Running> running = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gantrack-sweep-progress");
    t.setDaemon(true);
    return t;
  });

  private static final class Running {
    final Path runDir;
    ProgressBar bar;
    long step = -1;
    long printedAt = System.nanoTime();

    Running(Path runDir) {
      this.runDir = runDir;
    }
  }

  /** Progress of a sweep of {@code total} trials on {@code out}; {@code bars} on a terminal. */
  public SweepProgress(PrintStream out, boolean bars, int total, double everySeconds) {
    this.out = out;
    this.bars = bars;
    this.total = total;
    this.everyNanos = (long) (everySeconds * 1e9);
    poller.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
  }

  /** A trial started in {@code runDir}. */
  public void started(PlannedTrial t, Path runDir) {
    Running r = new Running(runDir);
    synchronized (out) {
      if (bars) {
        r.bar = new ProgressBarBuilder().setTaskName(name(t)).setInitialMax(Math.max(1, t.steps()))
            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build();
      } else {
        out.printf(Locale.ROOT, "  %s started -> %s%n", name(t), runDir.getFileName());
      }
    }
    running.put(t, r);
  }

  /** A trial ended. */
  public void ended(PlannedTrial t, RunRecord record) {
    Running r = running.remove(t);
    synchronized (out) {
      if (r != null && r.bar != null) {
        r.bar.stepTo(record.lastStep());
        r.bar.close();
      }
      out.printf(Locale.ROOT, "  %s %s after %d/%d steps%s%n", name(t), record.status().name().toLowerCase(Locale.ROOT),
          record.lastStep(), t.steps(), record.error() == null ? "" : ": " + record.error());
    }
  }

  /** A line of its own (skipped trials, the sweep's own messages). */
  public void line(String text) {
    synchronized (out) {
      out.println(text);
    }
  }

  private String name(PlannedTrial t) {
    return "[" + t.index() + "/" + total + "] " + t.label();
  }

  private void poll() {
    for (Map.Entry<PlannedTrial, Running> e : running.entrySet()) {
      Running r = e.getValue();
      JsonNode row = lastRow(r.runDir.resolve("metrics.jsonl"));
      if (row == null || row.path("step").asLong() == r.step) {
        continue;
      }
      r.step = row.path("step").asLong();
      String losses = losses(row);
      synchronized (out) {
        if (r.bar != null) {
          r.bar.stepTo(r.step);
          r.bar.setExtraMessage(losses);
        } else if (System.nanoTime() - r.printedAt >= everyNanos) {
          r.printedAt = System.nanoTime();
          out.printf(Locale.ROOT, "  %s step %d/%d  %s%n", name(e.getKey()), r.step, e.getKey().steps(), losses);
        }
      }
    }
  }

  private static String losses(JsonNode row) {
    StringBuilder sb = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String k = f.getKey();
      if (k.equals("d_loss") || k.equals("g_loss") || k.equals("modes_captured")) {
        sb.append(sb.length() == 0 ? "" : " ").append(k).append(' ')
            .append(f.getValue().isNumber() ? String.format(Locale.ROOT, "%.3f", f.getValue().doubleValue()) : f.getValue().asText());
      }
    }
    return sb.toString();
  }

  /** The last complete line of a JSON-lines file, parsed; null when there is none yet. */
  static JsonNode lastRow(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      int n = (int) Math.min(len, 8192);
      byte[] buf = new byte[n];
      f.seek(len - n);
      f.readFully(buf);
      String text = new String(buf, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      if (end < 0) {
        return null;
      }
      int start = text.lastIndexOf('\n', end - 1) + 1;
      return JSON.readTree(text.substring(start, end));
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    running.values().forEach(r -> {
      if (r.bar != null) {
        r.bar.close();
      }
    });
  }
}
