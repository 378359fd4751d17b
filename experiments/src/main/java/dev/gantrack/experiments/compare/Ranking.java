package dev.gantrack.experiments.compare;

import dev.gantrack.experiments.file.SweepRank;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs in the order a ranking asks for: those that logged the metric (a finite last value) first,
 * best first, then the others; ties and unranked runs by trial index, then name. Also the metric
 * columns a comparison shows, the ranked metric and the losses first.
 */
public final class Ranking {
  private static final List<String> FIRST = List.of("d_loss", "g_loss", "d_real", "d_fake");

  private Ranking() {}

  /** {@code runs} ordered by {@code rank} (by index when {@code rank} is null). */
  public static List<RunRecord> order(List<RunRecord> runs, SweepRank rank) {
    Comparator<RunRecord> byIndex = Comparator.comparingInt(RunRecord::index).thenComparing(RunRecord::name);
    List<RunRecord> out = new ArrayList<>(runs);
    if (rank == null) {
      out.sort(byIndex);
      return out;
    }
    String m = rank.metric();
    out.sort((a, b) -> {
      double x = a.last(m);
      double y = b.last(m);
      boolean fx = Double.isFinite(x);
      boolean fy = Double.isFinite(y);
      if (fx != fy) {
        return fx ? -1 : 1;
      }
      int k = fx ? Double.compare(x, y) : 0;
      return k != 0 ? (rank.largestFirst() ? -k : k) : byIndex.compare(a, b);
    });
    return out;
  }

  /** Every metric any of {@code runs} logged: {@code rank}'s first, then the losses, then the rest by name. */
  public static List<String> metricColumns(List<RunRecord> runs, SweepRank rank) {
    Set<String> all = new TreeSet<>();
    runs.forEach(r -> all.addAll(r.series().keySet()));
    Set<String> out = new LinkedHashSet<>();
    if (rank != null) {
      out.add(rank.metric());
    }
    FIRST.stream().filter(all::contains).forEach(out::add);
    out.addAll(all);
    return List.copyOf(out);
  }

  /** Every override path of {@code runs}, in first-seen order. */
  public static List<String> overrideColumns(List<RunRecord> runs) {
    Set<String> out = new LinkedHashSet<>();
    runs.stream().sorted(Comparator.comparingInt(RunRecord::index)).forEach(r -> out.addAll(r.overrides().keySet()));
    return List.copyOf(out);
  }
}
