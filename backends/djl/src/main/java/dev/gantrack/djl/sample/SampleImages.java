package dev.gantrack.djl.sample;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Turns generated samples into a PNG: a grid for images, a scatter plot for 2D points. */
public final class SampleImages {
  private SampleImages() {}

  /** A rendered picture. */
  public record Png(byte[] bytes, int width, int height) {}

  /**
   * Lays out the images of {@code x}, of shape (C, H, W) and values in [-1, 1], {@code side} to a row
   * (as many rows as they fill, at least {@code side} when they fill a square), with a 2-pixel border.
   * C is 1 (grey) or 3 (RGB); other channel counts show the first channel.
   */
  public static Png grid(float[] x, int[] shape, int side) {
    int c = shape[0], h = shape[1], w = shape[2], pad = 2;
    int per = c * h * w;
    int count = x.length / per;
    int rows = Math.max(1, (count + side - 1) / side);
    int width = side * (w + pad) + pad, height = rows * (h + pad) + pad;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int n = 0; n < rows * side && (n + 1) * per <= x.length; n++) {
      int ox = pad + (n % side) * (w + pad), oy = pad + (n / side) * (h + pad);
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
          int base = n * per + i * w + j;
          int r = byteOf(x[base]);
          int g = c == 3 ? byteOf(x[base + h * w]) : r;
          int b = c == 3 ? byteOf(x[base + 2 * h * w]) : r;
          img.setRGB(ox + j, oy + i, (r << 16) | (g << 8) | b);
        }
      }
    }
    return encode(img);
  }

  /** A scatter plot of generated 2D points (blue) over real ones (grey), in a square view. */
  public static Png scatter(float[] fake, float[] real, double extent) {
    int size = 512;
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size, size);
    g.setColor(new Color(225, 225, 225));
    g.setStroke(new BasicStroke(1f));
    g.drawLine(size / 2, 0, size / 2, size);
    g.drawLine(0, size / 2, size, size / 2);
    plot(g, real, extent, size, new Color(160, 160, 160), 2);
    plot(g, fake, extent, size, new Color(30, 90, 200, 160), 3);
    g.dispose();
    return encode(img);
  }

  private static void plot(Graphics2D g, float[] pts, double extent, int size, Color color, int r) {
    g.setColor(color);
    for (int i = 0; i + 1 < pts.length; i += 2) {
      int px = (int) Math.round((pts[i] / extent + 1) * size / 2);
      int py = (int) Math.round((1 - pts[i + 1] / extent) * size / 2);
      g.fillOval(px - r / 2, py - r / 2, r, r);
    }
  }

  private static int byteOf(float v) {
    int b = Math.round((v + 1f) * 127.5f);
    return Math.max(0, Math.min(255, b));
  }

  private static Png encode(BufferedImage img) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(img, "png", out);
      return new Png(out.toByteArray(), img.getWidth(), img.getHeight());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
