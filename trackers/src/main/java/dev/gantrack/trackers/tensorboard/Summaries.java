package dev.gantrack.trackers.tensorboard;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The {@code tensorboard.Summary} of each kind of value TensorBoard shows, encoded by hand: scalars
 * ({@code simple_value}), images ({@code Summary.Image}), histograms ({@code HistogramProto}), text
 * and the custom-scalars layout (both a {@code DT_STRING} tensor with their plugin's metadata). The
 * HParams plugin's summaries are in {@link HparamsSummaries}; {@link EventFile} wraps a summary in
 * an event.
 */
final class Summaries {
  // tensorboard.DataType
  static final int DT_FLOAT = 1;
  private static final int DT_STRING = 7;

  private Summaries() {}

  /**
   * One {@code simple_value} per entry, rounded to a 32-bit float (NaN and infinities are kept); an
   * entry with a null key is left out, a null value is NaN.
   */
  static ProtoWriter scalars(Map<String, Double> values) {
    ProtoWriter summary = new ProtoWriter();
    for (Map.Entry<String, Double> e : values.entrySet()) {
      if (e.getKey() == null) {
        continue;
      }
      double v = e.getValue() == null ? Double.NaN : e.getValue();
      summary.message(1, new ProtoWriter().string(1, e.getKey()).floatField(2, (float) v));
    }
    return summary;
  }

  /** An encoded image, its colour space read from the PNG header ({@link #pngColorspace}). */
  static ProtoWriter image(String tag, byte[] encoded, int width, int height) {
    ProtoWriter image =
        new ProtoWriter()
            .varint(1, height)
            .varint(2, width)
            .varint(3, pngColorspace(encoded))
            .bytes(4, encoded);
    return value(new ProtoWriter().string(1, tag).message(4, image));
  }

  /**
   * The {@link Histogram} of the finite values with {@code buckets} buckets, or null when no value
   * is finite.
   */
  static ProtoWriter histogram(String tag, float[] values, int buckets) {
    Histogram h = Histogram.of(values, buckets);
    if (h == null) {
      return null;
    }
    ProtoWriter histo =
        new ProtoWriter()
            .doubleField(1, h.min())
            .doubleField(2, h.max())
            .doubleField(3, h.num())
            .doubleField(4, h.sum())
            .doubleField(5, h.sumSquares())
            .packedDoubles(6, h.bucketLimit())
            .packedDoubles(7, h.bucket());
    return value(new ProtoWriter().string(1, tag).message(5, histo));
  }

  /** Markdown for the {@code text} plugin. */
  static ProtoWriter text(String tag, String markdown) {
    return pluginTensor(tag, "text", markdown.getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code custom_scalars} plugin's layout: categories of multiline charts. */
  static ProtoWriter customScalarsLayout(List<EventFileWriter.Category> categories) {
    ProtoWriter layout = new ProtoWriter();
    for (EventFileWriter.Category c : categories) {
      ProtoWriter category = new ProtoWriter().string(1, c.title());
      for (EventFileWriter.Chart ch : c.charts()) {
        ProtoWriter multiline = new ProtoWriter();
        for (String regex : ch.tagRegexes()) {
          multiline.string(1, regex);
        }
        category.message(2, new ProtoWriter().string(1, ch.title()).message(2, multiline));
      }
      layout.message(2, category);
    }
    return pluginTensor(EventFileWriter.CUSTOM_SCALARS_TAG, "custom_scalars", layout.toByteArray());
  }

  /** TensorFlow's colour space of a PNG: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA; 3 if unknown. */
  static int pngColorspace(byte[] png) {
    // signature (8) + IHDR length (4) + "IHDR" (4) + width (4) + height (4) + depth (1) → colour type
    if (png.length > 25
        && (png[0] & 0xFF) == 0x89
        && png[1] == 'P'
        && png[2] == 'N'
        && png[3] == 'G'
        && png[12] == 'I'
        && png[13] == 'H'
        && png[14] == 'D'
        && png[15] == 'R') {
      switch (png[25]) {
        case 0:
          return 1;
        case 4:
          return 2;
        case 6:
          return 4;
        default:
          return 3; // 2 = RGB, 3 = palette
      }
    }
    return 3;
  }

  /** A summary of one {@code Summary.Value}. */
  static ProtoWriter value(ProtoWriter value) {
    return new ProtoWriter().message(1, value);
  }

  /** {@code SummaryMetadata} naming the plugin that reads the value, with its content if any. */
  static ProtoWriter pluginMetadata(String pluginName, byte[] content) {
    ProtoWriter pluginData = new ProtoWriter().string(1, pluginName);
    if (content.length > 0) {
      pluginData.bytes(2, content);
    }
    return new ProtoWriter().message(1, pluginData);
  }

  /** A value for {@code pluginName}: its metadata, then {@code content} as a rank-0 string tensor. */
  private static ProtoWriter pluginTensor(String tag, String pluginName, byte[] content) {
    ProtoWriter tensor =
        new ProtoWriter().varint(1, DT_STRING).message(2, new ProtoWriter()).bytes(8, content);
    return value(
        new ProtoWriter()
            .string(1, tag)
            .message(9, pluginMetadata(pluginName, new byte[0]))
            .message(8, tensor));
  }
}
