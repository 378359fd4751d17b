package dev.gantrack.experiments.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.experiments.file.SweepRank;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page stands alone (no address outside it), escapes what runs say, and orders runs by the ranking. */
class HtmlReportTest {
  @TempDir Path dir;

  @Test
  void thePageNeedsNothingOutsideItselfAndEscapesWhatRunsSay() throws Exception {
    RunRecord evil = RunRecord.read(RunFolders.trial(dir, "001-aaaaaaaaaaaa", 1, Map.of("loss.type", "</script><b>x"), 100, 100,
        s -> 1.0, s -> 2.0, "FAILED", "bad <img src=x onerror=alert(1)>", Color.RED, 8));
    String page = new HtmlReport(List.of(evil), null, "t").render();
    assertTrue(page.contains("<td data-sort=\"&lt;/script&gt;&lt;b&gt;x\">&lt;/script&gt;&lt;b&gt;x</td>"), "an override is text, not markup");
    assertFalse(page.contains("</script><b>x"), "nor does it end the data's script element");
    assertTrue(page.contains("bad &lt;img src=x onerror=alert(1)&gt;"), "an error is text, not markup");
    assertFalse(page.contains("<img src=x"));
    assertEquals(3, count(page, "<script"), "uPlot, the page's script and its data, nothing else");
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page).find(), "no address outside the page");
    assertFalse(page.contains("<link"), "no stylesheet outside the page");
    assertTrue(page.contains("The MIT License"), "uPlot's licence notice travels with it");
    assertTrue(page.contains("src=\"data:image/png;base64,"), "the sample grid is inside the page");
  }

  @Test
  void theTableFollowsTheRankingWithRunsWithoutTheMetricLast() throws Exception {
    RunRecord a = RunRecord.read(RunFolders.trial(dir, "001-aaaaaaaaaaaa", 1, Map.of(), 100, 100, s -> 0.5, s -> 1.0, "FINISHED", null, Color.RED, 4));
    RunRecord b = RunRecord.read(RunFolders.trial(dir, "002-bbbbbbbbbbbb", 2, Map.of(), 100, 100, s -> 0.9, s -> 1.0, "FINISHED", null, Color.RED, 4));
    RunRecord c = RunRecord.read(RunFolders.trial(dir, "003-cccccccccccc", 3, Map.of(), 100, 0, s -> 0.1, s -> 1.0, "FAILED", "x", Color.RED, 4));
    RunRecord d = RunRecord.read(RunFolders.trial(dir, "004-dddddddddddd", 4, Map.of(), 100, 100, s -> 0.2, s -> 1.0, "FINISHED", null, Color.RED, 4));
    assertEquals(List.of("004-dddddddddddd", "001-aaaaaaaaaaaa", "002-bbbbbbbbbbbb", "003-cccccccccccc"),
        rows(new HtmlReport(List.of(a, b, c, d), SweepRank.parse("d_loss:min"), "t").render()));
    assertEquals(List.of("002-bbbbbbbbbbbb", "001-aaaaaaaaaaaa", "004-dddddddddddd", "003-cccccccccccc"),
        rows(new HtmlReport(List.of(a, b, c, d), SweepRank.parse("d_loss:max"), "t").render()));
  }

  private static List<String> rows(String page) {
    Matcher m = Pattern.compile("<tr data-run=\"([^\"]+)\"").matcher(page);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
