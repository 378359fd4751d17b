package dev.gantrack.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.experiments.cli.CommandLineTest.Outcome;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantrack sync}'s exit code says whether anything is left: 0 nothing, 3 records left, 2 bad input. */
class SyncCommandTest {
  @TempDir Path dir;

  @Test
  void exitCodeSaysWhetherRecordsAreLeftAndAnotherUriIsTried() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Path file = Files.writeString(dir.resolve("ring.yaml"), """
        name: ring
        seed: 3
        device: cpu
        dataset: {type: ring}
        generator: {type: mlp, latent-dim: 4, hidden: 8, layers: 1, output: linear}
        discriminator: {type: mlp, hidden: 8, layers: 1}
        training: {steps: 4, batch-size: 8, log-every: 2, sample-every: 0}
        trackers: [{type: local}, {type: mlflow, tracking-uri: "http://127.0.0.1:%d", retry-seconds: 1}]
        """.formatted(closedPort));
    Outcome run = CommandLineTest.gantrack("run", file.toString(), "--runs", dir.resolve("runs").toString());
    assertEquals(0, run.code(), run.err());
    Path runDir;
    try (Stream<Path> s = Files.list(dir.resolve("runs/ring"))) {
      runDir = s.findFirst().orElseThrow();
    }
    Outcome left = CommandLineTest.gantrack("sync", runDir.toString(), "--max-wait", "0");
    assertEquals(SyncCommand.LEFT, left.code(), left.out() + left.err());
    assertTrue(left.out().contains("left") && left.out().contains("127.0.0.1:" + closedPort), left.out());
    Outcome moved = CommandLineTest.gantrack("sync", runDir.toString(), "--max-wait", "0",
        "--tracking-uri", "http://127.0.0.1:" + closedPort + "/moved");
    assertEquals(SyncCommand.LEFT, moved.code(), moved.out() + moved.err());
    assertTrue(moved.out().contains("/moved"), "the other server is the one tried: " + moved.out());

    Outcome bad = CommandLineTest.gantrack("sync", runDir.toString(), "--tracking-uri", "ftp:/x");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--tracking-uri"), bad.err());
    Path plain = Files.createDirectories(dir.resolve("plain"));
    Outcome nothing = CommandLineTest.gantrack("sync", plain.toString());
    assertEquals(0, nothing.code(), nothing.out());
    assertTrue(nothing.out().contains("nothing to sync"), nothing.out());
  }
}
