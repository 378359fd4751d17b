package dev.gantrack.experiments.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;

/** Decodes an image file into (C,H,W) unsigned bytes: centre crop to a square, then resize. */
final class Images {
  private Images() {}

  /** The image in {@code file} as {@code channels × size × size} bytes; problems name {@code option}. */
  static byte[] load(Path file, String option, int size, int channels) throws IOException {
    return ImageFile.read(file, option, image -> pixels(image, size, channels));
  }

  /** The image as {@code channels × size × size} bytes. */
  static byte[] pixels(BufferedImage image, int size, int channels) {
    BufferedImage rgb = toRgb(image);
    int side = Math.min(rgb.getWidth(), rgb.getHeight());
    BufferedImage square =
        rgb.getSubimage((rgb.getWidth() - side) / 2, (rgb.getHeight() - side) / 2, side, side);
    BufferedImage resized = resize(square, size);
    int[] argb = resized.getRGB(0, 0, size, size, null, 0, size);
    int plane = size * size;
    byte[] out = new byte[channels * plane];
    for (int p = 0; p < plane; p++) {
      int r = (argb[p] >> 16) & 0xff;
      int g = (argb[p] >> 8) & 0xff;
      int b = argb[p] & 0xff;
      if (channels == 1) {
        out[p] = (byte) Math.min(255, Math.round(0.299 * r + 0.587 * g + 0.114 * b));
      } else {
        out[p] = (byte) r;
        out[plane + p] = (byte) g;
        out[2 * plane + p] = (byte) b;
      }
    }
    return out;
  }

  /**
   * An opaque {@code TYPE_INT_RGB} copy, transparency composited onto black. Grey images are
   * copied value for value from their raster: Java2D would otherwise treat their grey as linear
   * and brighten it on the way to sRGB.
   */
  private static BufferedImage toRgb(BufferedImage src) {
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    if (src.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
      Raster raster = src.getRaster();
      int bits = src.getColorModel().getComponentSize(0);
      boolean alpha = src.getColorModel().hasAlpha();
      int alphaBits = alpha ? src.getColorModel().getComponentSize(1) : 0;
      int[] row = new int[w * raster.getNumBands()];
      int[] rgb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
      for (int y = 0; y < h; y++) {
        raster.getPixels(0, y, w, 1, row);
        for (int x = 0; x < w; x++) {
          int v = to8(row[x * raster.getNumBands()], bits);
          if (alpha) {
            int a = to8(row[x * raster.getNumBands() + 1], alphaBits);
            v = Math.round(v * a / 255f);
          }
          rgb[y * w + x] = (v << 16) | (v << 8) | v;
        }
      }
      return out;
    }
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(src, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static int to8(int value, int bits) {
    return bits == 8 ? value : (int) Math.round(value * 255.0 / ((1L << bits) - 1));
  }

  /**
   * Bilinear resize of a square image to {@code size}; when shrinking by more than half it halves
   * step by step first, so every source pixel contributes (close to an area average).
   */
  private static BufferedImage resize(BufferedImage square, int size) {
    BufferedImage current = square;
    int side = square.getWidth();
    if (side == size) {
      return current;
    }
    while (side / 2 >= size) {
      side /= 2;
      current = scale(current, side);
    }
    return side == size ? current : scale(current, size);
  }

  private static BufferedImage scale(BufferedImage src, int side) {
    BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(src, 0, 0, side, side, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
