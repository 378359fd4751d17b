package dev.gantrack.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code gantrack plugins} says which options a type cannot do without, the defaults of the rest, and
 * the range or choices each option's spec declares.
 */
class PluginsListingTest {
  private static String listing(String kind) {
    StringWriter out = new StringWriter();
    int code = Gantrack.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "plugins", "--kind", kind);
    assertEquals(0, code);
    return out.toString();
  }

  @Test
  void onlyTheOptionADatasetNeedsIsMarkedRequiredTheOthersShowTheirDefaults() {
    String datasets = listing("dataset");
    assertTrue(datasets.matches("(?s).*\\n +images += required .*"), datasets);
    assertTrue(datasets.matches("(?s).*\\n +labels += \\(none\\) .*"), datasets);
    assertTrue(datasets.matches("(?s).*\\n +limit += \\(none\\) .*"), datasets);
    assertTrue(datasets.matches("(?s).*\\n +path += required .*"), datasets);
    assertTrue(datasets.matches("(?s).*\\n +size += 64 .*"), datasets);
    assertTrue(datasets.matches("(?s).*\\n +channels += 3 .*"), datasets);
    assertTrue(datasets.matches("(?s).*\\n +sigma += 0\\.01 .*"), datasets);
  }

  @Test
  void typesWithoutRequiredOptionsListNoneAsRequired() {
    for (String kind : new String[] {"loss", "ttur", "noise", "label-smoothing", "metric"}) {
      String l = listing(kind);
      assertTrue(!l.contains("= required"), kind + ":\n" + l);
    }
  }

  @Test
  void rangesAndChoicesAreShownNextToTheDefaults() {
    String datasets = listing("dataset");
    assertTrue(datasets.matches("(?s).*\\n +size += 64 +\\[1 to 4096\\] .*"), datasets);
    String generators = listing("generator");
    assertTrue(generators.matches("(?s).*\\n +norm += batch +\\[batch \\| layer \\| none\\] .*"), generators);
    String ttur = listing("ttur");
    assertTrue(ttur.matches("(?s).*\\n +generator\\.optimizer += adam +\\[adam \\| adamw \\| sgd \\| rmsprop\\] .*"), ttur);
    assertTrue(ttur.matches("(?s).*\\n +generator\\.momentum += \\(none\\) +\\[0 to 0\\.9999\\] .*"), ttur);
    assertTrue(ttur.matches("(?s).*\\n +d-steps += 1 +\\[1 to 100\\] .*"), ttur);
  }
}
