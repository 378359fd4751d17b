package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  @Test
  void entriesAreReadBackInOrderWithNonFiniteValuesIntact() throws Exception {
    try (Spool spool = Spool.open(dir)) {
      for (int i = 0; i < 5000; i++) {
        double v = i == 7 ? Double.NaN : i == 8 ? Double.POSITIVE_INFINITY : i == 9 ? Double.NEGATIVE_INFINITY : i;
        long step = i;
        spool.append("metrics", n -> n.put("step", step).putObject("values").put("x", v));
      }
    }
    try (SpoolReader r = new SpoolReader(dir.resolve(Spool.FILE), 0)) {
      List<SpoolReader.Entry> all = r.next(0, 10_000);
      assertEquals(5000, all.size());
      for (int i = 0; i < all.size(); i++) {
        assertEquals(i + 1, all.get(i).seq());
      }
      assertTrue(Double.isNaN(MetricPoint.number(all.get(7).json().path("values").path("x"))));
      assertEquals(Double.POSITIVE_INFINITY, MetricPoint.number(all.get(8).json().path("values").path("x")));
      assertEquals(Double.NEGATIVE_INFINITY, MetricPoint.number(all.get(9).json().path("values").path("x")));
      assertEquals(Files.size(dir.resolve(Spool.FILE)), all.get(4999).endOffset());
    }
    // from an offset, skipping what was delivered
    try (SpoolReader r = new SpoolReader(dir.resolve(Spool.FILE), 0)) {
      List<SpoolReader.Entry> first = r.next(0, 10);
      try (SpoolReader again = new SpoolReader(dir.resolve(Spool.FILE), first.get(9).endOffset())) {
        assertEquals(11, again.next(10, 1).get(0).seq());
      }
    }
  }

  @Test
  void aTornLastLineIsCutWhenTheSpoolIsReopenedAndNumberingGoesOn() throws Exception {
    try (Spool spool = Spool.open(dir)) {
      spool.append("metrics", n -> n.put("step", 1));
      spool.append("metrics", n -> n.put("step", 2));
    }
    Files.write(dir.resolve(Spool.FILE), "{\"seq\":3,\"op\":\"metr".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    try (SpoolReader r = new SpoolReader(dir.resolve(Spool.FILE), 0)) {
      assertEquals(2, r.next(0, 10).size(), "a line without its newline is not read");
    }
    try (Spool spool = Spool.open(dir)) {
      assertEquals(2, spool.lastSeq());
      assertEquals(3, spool.append("end", n -> n.put("status", "FINISHED")));
    }
    List<String> lines = Files.readAllLines(dir.resolve(Spool.FILE));
    assertEquals(3, lines.size());
    assertTrue(lines.get(2).startsWith("{\"seq\":3,\"op\":\"end\""), lines.get(2));
  }

  @Test
  void aReaderSeesLinesAppendedAfterItReachedTheEnd() throws Exception {
    try (Spool spool = Spool.open(dir); SpoolReader r = new SpoolReader(dir.resolve(Spool.FILE), 0)) {
      spool.append("metrics", n -> n.put("step", 1));
      assertEquals(1, r.next(0, 10).size());
      assertEquals(0, r.next(1, 10).size());
      spool.append("metrics", n -> n.put("step", 2).put("long", "y".repeat(600_000)));
      List<SpoolReader.Entry> more = r.next(1, 10);
      assertEquals(1, more.size(), "a line longer than the read buffer");
      assertEquals(2, more.get(0).seq());
    }
  }

  @Test
  void stateIsSavedAndLoaded() throws Exception {
    assertEquals(SpoolState.EMPTY, SpoolState.load(dir));
    SpoolState s = new SpoolState("1", "abc", "mlflow-artifacts:/1/abc/artifacts", 7, 123, 8, 9);
    s.save(dir);
    assertEquals(s, SpoolState.load(dir));
    assertTrue(s.uncertain(9, 12));
    assertTrue(!s.uncertain(10, 12));
    assertEquals(new SpoolState("1", "abc", "mlflow-artifacts:/1/abc/artifacts", 9, 200, 0, 0), s.withDelivered(9, 200));
    SpoolState wide = s.withInflight(8, 20);
    assertEquals(8, wide.inflightFrom());
    assertEquals(20, wide.inflightTo());
    SpoolState part = wide.withDelivered(12, 300);
    assertTrue(part.uncertain(13, 13) && !part.uncertain(21, 30), "the rest of an unconfirmed range stays marked");
  }
}
