package dev.gantrack.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.SafeYaml;
import dev.gantrack.experiments.file.SweepRange;
import dev.gantrack.experiments.file.SweepRank;
import dev.gantrack.experiments.file.SweepSection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep varies and how its trials are ordered: the experiment file and its {@code --set}s,
 * the swept options (grid axes and sampled ranges), seeds per trial, random search, the ranking and
 * how many trials run at once. Made from the file's {@code sweep:} section and the command line,
 * whose options add to the section's or replace them (an axis of the same path, a count).
 *
 * @param random the number of random trials, 0 for the whole grid
 * @param parallel trials at once as asked for, 0 for the executor's default
 */
public record SweepDefinition(Path file, List<String> sets, List<SweptOption> options, int seeds, int random,
    SweepRank rank, int parallel) {
  /** Most trials one sweep may have. */
  public static final int MAX_TRIALS = 10_000;

  public SweepDefinition {
    sets = List.copyOf(sets);
    options = List.copyOf(options);
  }

  /** What the command line says about a sweep (each list as given, counts null when not given). */
  public record CommandLine(List<String> grid, List<String> ranges, Integer seeds, Integer random, String rank,
      Integer parallel) {}

  /**
   * The sweep of {@code file} (with {@code sets}) that {@code section} and {@code cli} describe;
   * throws with one line naming the option at fault.
   */
  public static SweepDefinition of(Path file, List<String> sets, SweepSection section, CommandLine cli)
      throws ExperimentException {
    Map<String, SweptOption> options = new LinkedHashMap<>();
    section.grid().forEach((path, values) -> options.put(path, SweptOption.grid(path, "sweep.grid." + path, values)));
    section.range().forEach((path, text) ->
        put(file, options, SweptOption.range(path, "sweep.range." + path, SweepRange.parse(text))));
    for (String arg : cli.grid()) {
      put(file, options, grid(arg));
    }
    for (String arg : cli.ranges()) {
      put(file, options, range(arg));
    }
    int seeds = first(cli.seeds(), section.seeds(), 1);
    int random = first(cli.random(), section.random(), 0);
    int parallel = first(cli.parallel(), section.parallel(), 0);
    if (seeds < 1 || seeds > 1000) {
      throw new ExperimentException(null, "--seeds", "must be 1 to 1000, got " + seeds);
    }
    if (random < 0 || random > MAX_TRIALS) {
      throw new ExperimentException(null, "--random", "must be 1 to " + MAX_TRIALS + ", got " + random);
    }
    if (parallel < 0 || parallel > 256) {
      throw new ExperimentException(null, "--parallel", "must be 1 to 256, got " + parallel);
    }
    SweepRank rank;
    String rankText = cli.rank() != null ? cli.rank() : section.rank();
    try {
      rank = rankText == null ? null : SweepRank.parse(rankText);
    } catch (IllegalArgumentException e) {
      throw new ExperimentException(cli.rank() != null ? null : file, cli.rank() != null ? "--rank" : "sweep.rank", e.getMessage());
    }
    SweepDefinition def = new SweepDefinition(file, sets, new ArrayList<>(options.values()), seeds, random, rank, parallel);
    def.check();
    return def;
  }

  private void check() throws ExperimentException {
    for (SweptOption o : options) {
      if (o.range() != null && random == 0) {
        throw new ExperimentException(isCli(o) ? null : file, o.origin(),
            "a range is sampled by random search: add --random K (or random: K in the sweep section)");
      }
      if (o.path().equals("seed") && seeds > 1) {
        throw new ExperimentException(isCli(o) ? null : file, o.origin(), "sweeps the seed, and so does --seeds " + seeds + "; use one");
      }
    }
    if (options.isEmpty() && seeds == 1) {
      throw new ExperimentException(file, "sweep", "nothing to sweep: give --grid PATH=V1,V2, --random K with --range "
          + "PATH=LOW:HIGH, --seeds N, or a sweep: section");
    }
    long count = random > 0 ? random : 1;
    for (SweptOption o : options) {
      if (random == 0) {
        count *= o.values().size();
      }
      if (count > MAX_TRIALS) {
        break;
      }
    }
    if (count * seeds > MAX_TRIALS) {
      throw new ExperimentException(file, "sweep", "more than " + MAX_TRIALS + " trials; sweep fewer values or use --random K");
    }
  }

  private static boolean isCli(SweptOption o) {
    return o.origin().startsWith("--");
  }

  private static void put(Path file, Map<String, SweptOption> options, SweptOption o) {
    options.remove(o.path());
    options.put(o.path(), o);
  }

  /** {@code path=v1,v2,...}: values are YAML, split at commas outside brackets and quotes. */
  static SweptOption grid(String arg) throws ExperimentException {
    int eq = arg.indexOf('=');
    if (eq <= 0 || eq == arg.length() - 1) {
      throw new ExperimentException(null, "--grid " + arg, "expected PATH=V1,V2,... e.g. --grid loss.type=hinge,lsgan");
    }
    String path = arg.substring(0, eq).strip();
    List<JsonNode> values = new ArrayList<>();
    for (String v : splitTopLevel(arg.substring(eq + 1))) {
      try {
        values.add(SafeYaml.parseValue(v.strip()));
      } catch (ExperimentException e) {
        throw new ExperimentException(null, "--grid " + path, "value '" + v.strip() + "': " + e.problem());
      }
    }
    return SweptOption.grid(path, "--grid " + path, values);
  }

  /** {@code path=low:high[:log|:int]}. */
  static SweptOption range(String arg) throws ExperimentException {
    int eq = arg.indexOf('=');
    if (eq <= 0) {
      throw new ExperimentException(null, "--range " + arg, "expected PATH=LOW:HIGH[:log|:int] e.g. --range ttur.generator.lr=1e-5:1e-3:log");
    }
    String path = arg.substring(0, eq).strip();
    try {
      return SweptOption.range(path, "--range " + path, SweepRange.parse(arg.substring(eq + 1)));
    } catch (IllegalArgumentException e) {
      throw new ExperimentException(null, "--range " + path, e.getMessage());
    }
  }

  static List<String> splitTopLevel(String text) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    out.add(cur.toString());
    return out;
  }

  private static int first(Integer a, Integer b, int dflt) {
    return a != null ? a : b != null ? b : dflt;
  }
}
