package dev.gantrack.experiments.runfolder;

import dev.gantrack.api.track.RunStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A run folder's {@code status}: its first line is the state, {@code RUNNING} while a process trains
 * in the folder (then {@code pid:}, {@code host:}, {@code started:} and {@code heartbeat:} lines, the
 * heartbeat rewritten every {@value #HEARTBEAT_SECONDS} s), and {@code FINISHED}, {@code FAILED} (then
 * the failure) or {@code KILLED} when it ended. Every write replaces the file atomically.
 */
public final class StatusFile {
  /** The file's name in a run folder. */
  public static final String FILE = "status";
  /** Seconds between heartbeats. */
  public static final long HEARTBEAT_SECONDS = 10;
  /** The first line while a process trains in the folder. */
  public static final String RUNNING = "RUNNING";

  private StatusFile() {}

  /** What the file says: its first line and its {@code key: value} lines. */
  public record Contents(String state, Map<String, String> fields, String rest) {
    /** A field's value, or null. */
    public String field(String key) {
      return fields.get(key);
    }

    /**
     * True when a process on another machine says it is training in the folder and beat within the
     * last three heartbeats: its lock may not be visible from here (a network file system), so it
     * counts as alive.
     */
    public boolean aliveElsewhere(Instant now) {
      if (!RUNNING.equals(state) || field("host") == null || field("host").equals(host())) {
        return false;
      }
      try {
        return Instant.parse(field("heartbeat")).plusSeconds(3 * HEARTBEAT_SECONDS).isAfter(now);
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  /** Writes RUNNING (with this process's id and host, now as start and heartbeat) and keeps the heartbeat going until closed. */
  public static AutoCloseable running(Path runDir) throws IOException {
    String started = Instant.now().toString();
    String pid = String.valueOf(ProcessHandle.current().pid());
    String host = host();
    writeRunning(runDir, pid, host, started);
    ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gantrack-heartbeat");
      t.setDaemon(true);
      return t;
    });
    beat.scheduleAtFixedRate(() -> {
      try {
        writeRunning(runDir, pid, host, started);
      } catch (IOException e) {
        // the next beat tries again; a missing heartbeat only makes the run look stale
      }
    }, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    return () -> {
      beat.shutdownNow();
      beat.awaitTermination(5, TimeUnit.SECONDS);
    };
  }

  /** Writes how the run ended: the status, then the failure's text when there is one. */
  public static void ended(Path runDir, RunStatus status, Throwable failure) throws IOException {
    write(runDir, status.name() + (failure == null ? "" : "\n" + failure) + "\n");
  }

  /** Reads {@code runDir}'s status, or null when it has none. */
  public static Contents read(Path runDir) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(runDir.resolve(FILE), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (lines.isEmpty()) {
      return new Contents("", Map.of(), "");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    StringBuilder rest = new StringBuilder();
    boolean running = RUNNING.equals(lines.get(0).strip());
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(": ");
      if (running && colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 2).strip());
      } else {
        rest.append(rest.length() == 0 ? "" : "\n").append(line);
      }
    }
    return new Contents(lines.get(0).strip(), fields, rest.toString());
  }

  /** This machine's name, as the status records it. */
  public static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      String h = System.getenv("HOSTNAME");
      return h == null || h.isBlank() ? "localhost" : h;
    }
  }

  private static void writeRunning(Path runDir, String pid, String host, String started) throws IOException {
    write(runDir, RUNNING + "\npid: " + pid + "\nhost: " + host + "\nstarted: " + started + "\nheartbeat: "
        + Instant.now() + "\n");
  }

  private static void write(Path runDir, String text) throws IOException {
    Path file = runDir.resolve(FILE);
    Path tmp = runDir.resolve(FILE + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
