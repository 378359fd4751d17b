package dev.gantrack.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), err.toString()};
  }

  private Path runFolder() throws Exception {
    Path run = Files.createDirectories(dir.resolve("r1"));
    Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":10,\"fid\":50.0}\n{\"step\":20,\"fid\":30.0}\n");
    return run;
  }

  @Test
  void writesThePngOfALoggedMetric() throws Exception {
    Path run = runFolder();
    Path png = dir.resolve("fid.png");
    String[] r = run("plot", run.toString(), "--metric", "fid", "--out", png.toString(), "--size", "400x200");
    assertEquals("0", r[0], r[1]);
    assertEquals(200, ImageIO.read(png.toFile()).getHeight());
  }

  @Test
  void anUnloggedMetricOrABadSizeIsOneLineAndExit2WithNoFileWritten() throws Exception {
    Path run = runFolder();
    Path png = dir.resolve("x.png");
    String[] r = run("plot", run.toString(), "--metric", "kid", "--out", png.toString());
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("--metric") && r[1].contains("'kid'") && r[1].contains("fid"), r[1]);
    assertEquals(1, r[1].strip().lines().count(), r[1]);
    r = run("plot", run.toString(), "--metric", "fid", "--out", png.toString(), "--size", "big");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("--size"), r[1]);
    assertFalse(Files.exists(png));
  }
}
