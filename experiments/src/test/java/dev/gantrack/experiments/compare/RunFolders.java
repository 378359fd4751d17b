package dev.gantrack.experiments.compare;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import javax.imageio.ImageIO;

/** Run folders as gantrack writes them (trial.json, experiment.yaml, status, metrics.jsonl, a sample grid), with chosen values. */
final class RunFolders {
  private RunFolders() {}

  /**
   * Writes a trial's run folder {@code name} under {@code dir}: logged every 20 steps up to {@code
   * lastStep} with d_loss and g_loss from {@code dLoss} and {@code gLoss}, status {@code status}
   * (and {@code error}), and a {@code gridSize}-pixel sample grid filled with {@code fill}.
   */
  static Path trial(Path dir, String name, int index, Map<String, String> overrides, long steps, long lastStep,
      LongFunction<Double> dLoss, LongFunction<Double> gLoss, String status, String error, Color fill, int gridSize)
      throws IOException {
    Path run = Files.createDirectories(dir.resolve(name));
    StringBuilder o = new StringBuilder();
    overrides.forEach((k, v) -> o.append(o.length() == 0 ? "" : ", ").append('"').append(k).append("\": \"").append(v).append('"'));
    Files.writeString(run.resolve("trial.json"), "{\"index\": " + index + ", \"overrides\": {" + o + "}}\n");
    Files.writeString(run.resolve("experiment.yaml"), "name: ring\ntraining:\n  steps: " + steps + "\n");
    Files.writeString(run.resolve("status"), status + "\n" + (error == null ? "" : error + "\n"));
    StringBuilder m = new StringBuilder();
    for (long s = 20; s <= lastStep; s += 20) {
      m.append(String.format(Locale.ROOT, "{\"step\":%d,\"time\":1,\"d_loss\":%s,\"g_loss\":%s}%n", s, dLoss.apply(s), gLoss.apply(s)));
    }
    Files.writeString(run.resolve("metrics.jsonl"), m.toString());
    Files.createDirectories(run.resolve("samples"));
    BufferedImage img = new BufferedImage(gridSize, gridSize, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < gridSize; y++) {
      for (int x = 0; x < gridSize; x++) {
        img.setRGB(x, y, (x + y) % 2 == 0 ? fill.getRGB() : Color.WHITE.getRGB());
      }
    }
    ImageIO.write(img, "png", run.resolve("samples").resolve(String.format(Locale.ROOT, "step-%06d.png", lastStep)).toFile());
    return run;
  }
}
