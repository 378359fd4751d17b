package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads complete spool lines in order, from a byte offset on, while a writer may still append. A
 * line without its {@code '\n'} yet is left for a later call.
 */
final class SpoolReader implements Closeable {

  /** One spool line: its {@code seq}, {@code op}, whole JSON and the offset just after it. */
  record Entry(long seq, String op, ObjectNode json, long endOffset) {}

  private final Path file;
  private FileChannel channel;
  private long position; // file offset of data[end]
  private byte[] data = new byte[256 * 1024];
  private int start; // first unread byte in data
  private int end; // one past the last byte read into data

  SpoolReader(Path file, long startOffset) {
    this.file = file;
    this.position = startOffset;
  }

  /** The first entry of the spool in {@code spoolDir} ({@code begin}), or null when there is none. */
  static ObjectNode readBegin(Path spoolDir) throws IOException {
    try (SpoolReader r = new SpoolReader(spoolDir.resolve(Spool.FILE), 0)) {
      List<Entry> first = r.next(0, 1);
      return first.isEmpty() || !first.get(0).op().equals("begin") ? null : first.get(0).json();
    }
  }

  /** The offset after the last complete line returned. */
  long offset() {
    return position - (end - start);
  }

  /** Up to {@code max} next complete entries with {@code seq > afterSeq}; empty when none yet. */
  List<Entry> next(long afterSeq, int max) throws IOException {
    List<Entry> out = new ArrayList<>();
    if (channel == null) {
      if (!Files.exists(file)) {
        return out;
      }
      channel = FileChannel.open(file, StandardOpenOption.READ);
      if (position > channel.size()) {
        position = 0; // the offset does not fit this file: read it all and skip by seq
      }
    }
    int scanFrom = start;
    while (out.size() < max) {
      int nl = -1;
      for (int i = scanFrom; i < end; i++) {
        if (data[i] == '\n') {
          nl = i;
          break;
        }
      }
      if (nl < 0) {
        int scanned = end - start; // no '\n' among these
        if (!fill()) {
          break;
        }
        scanFrom = start + scanned;
        continue;
      }
      int lineStart = start;
      start = nl + 1;
      scanFrom = start;
      if (nl == lineStart) {
        continue;
      }
      JsonNode node = Spool.JSON.readTree(data, lineStart, nl - lineStart);
      if (!(node instanceof ObjectNode obj)) {
        throw new IOException("spool " + file + ": a line is not a JSON object");
      }
      long seq = obj.path("seq").asLong();
      if (seq > afterSeq) {
        out.add(new Entry(seq, obj.path("op").asText(), obj, offset()));
      }
    }
    return out;
  }

  /** Reads more of the file into {@code data}; false at the current end of the file. */
  private boolean fill() throws IOException {
    if (start > 0) {
      System.arraycopy(data, start, data, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == data.length) {
      data = Arrays.copyOf(data, data.length * 2); // a line longer than the buffer
    }
    ByteBuffer buf = ByteBuffer.wrap(data, end, data.length - end);
    int n = channel.read(buf, position);
    if (n <= 0) {
      return false;
    }
    position += n;
    end += n;
    return true;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
