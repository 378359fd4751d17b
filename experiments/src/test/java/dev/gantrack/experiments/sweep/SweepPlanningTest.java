package dev.gantrack.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.GantrackCli;
import dev.gantrack.experiments.file.ExperimentException;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import dev.gantrack.trackers.tensorboard.TensorBoardTrackerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's trials as planned: the grid's every combination times the seeds, random search within
 * its ranges and repeatable, every trial validated before anything runs (a bad path or value is
 * exit 2 and one line naming where it came from), a {@code sweep:} section checked by {@code
 * validate} and ignored by {@code run}.
 */
class SweepPlanningTest {
  private static PluginRegistry registry;
  private static ExperimentLoader loader;
  @TempDir Path dir;

  @BeforeAll
  static void registry() {
    registry = PluginRegistry.discover(Path.of("no-plugins"));
    loader = new ExperimentLoader(registry);
  }

  private Path ring(String extra) throws IOException {
    Path f = dir.resolve("ring.yaml");
    Files.writeString(f, TestFiles.TINY_RING + extra);
    return f;
  }

  private static SweepPlan plan(Path file, List<String> grid, List<String> ranges, Integer seeds, Integer random)
      throws ExperimentException {
    ExperimentLoader.WithSweep base = loader.loadWithSweep(file, List.of());
    SweepDefinition def = SweepDefinition.of(file, List.of(), base.sweep(),
        new SweepDefinition.CommandLine(grid, ranges, seeds, random, null, null));
    return new SweepPlanner(loader).plan(def, base, List.of());
  }

  @Test
  void gridTimesSeedsIsEveryCombinationEachWithItsOwnSeedAndKey() throws Exception {
    SweepPlan plan = plan(ring(""), List.of("loss.type=non-saturating,hinge", "ttur.discriminator.lr=1e-4,4e-4"),
        List.of(), 3, null);
    assertEquals(12, plan.trials().size());
    Set<String> combos = new HashSet<>();
    Set<String> keys = new HashSet<>();
    for (PlannedTrial t : plan.trials()) {
      var e = t.loaded().experiment();
      String loss = t.loaded().resolved().path("loss").path("type").asText();
      double lr = t.loaded().resolved().path("ttur").path("discriminator").path("lr").asDouble();
      combos.add(loss + "/" + lr + "/" + e.seed());
      keys.add(t.key());
      assertEquals(Set.of("loss.type", "ttur.discriminator.lr", "seed"), t.overrides().keySet());
      assertEquals(String.valueOf(e.seed()), t.overrides().get("seed"));
      assertTrue(e.seed() >= 3 && e.seed() <= 5, "seeds are the file's seed 3, 4, 5: " + e.seed());
      assertTrue(t.experimentYaml().contains("hparams-experiment: false"), "each trial writes TensorBoard HParams sessions only");
    }
    assertEquals(12, combos.size(), combos.toString());
    assertEquals(12, keys.size());
    assertEquals("hinge", plan.trials().get(11).overrides().get("loss.type"), "the first axis changes slowest");
  }

  @Test
  void theSameSweepPlansTheSameTrialsAndIdAgain() throws Exception {
    Path f = ring("");
    SweepPlan a = plan(f, List.of("loss.type=non-saturating,hinge"), List.of("ttur.generator.lr=1e-5:1e-3:log"), 2, 5);
    SweepPlan b = plan(f, List.of("loss.type=non-saturating,hinge"), List.of("ttur.generator.lr=1e-5:1e-3:log"), 2, 5);
    assertEquals(a.id(), b.id());
    assertEquals(a.trials().stream().map(PlannedTrial::key).toList(), b.trials().stream().map(PlannedTrial::key).toList());
    SweepPlan c = plan(f, List.of("loss.type=non-saturating,lsgan"), List.of("ttur.generator.lr=1e-5:1e-3:log"), 2, 5);
    assertNotEquals(a.id(), c.id());
  }

  @Test
  void aFileWithoutSeedSweepsWithSeedOneSoThatItsTrialsRepeat() throws Exception {
    Path f = dir.resolve("noseed.yaml");
    Files.writeString(f, TestFiles.TINY_RING.replace("seed: 3\n", ""));
    SweepPlan a = plan(f, List.of("loss.type=non-saturating,hinge"), List.of(), null, null);
    SweepPlan b = plan(f, List.of("loss.type=non-saturating,hinge"), List.of(), null, null);
    assertEquals(a.id(), b.id());
    a.trials().forEach(t -> assertEquals(1L, t.loaded().experiment().seed()));
  }

  @Test
  void randomSearchSamplesLogUniformlyWithinTheRange() throws Exception {
    SweepPlan plan = plan(ring(""), List.of(), List.of("ttur.generator.lr=1e-5:1e-2:log", "training.batch-size=4:9:int"), null, 40);
    List<Double> logs = new ArrayList<>();
    Set<Long> sizes = new HashSet<>();
    for (PlannedTrial t : plan.trials()) {
      double lr = t.loaded().resolved().path("ttur").path("generator").path("lr").asDouble();
      assertTrue(lr >= 1e-5 && lr <= 1e-2, "lr " + lr);
      logs.add(Math.log10(lr));
      long bs = t.loaded().resolved().path("training").path("batch-size").asLong();
      assertTrue(bs >= 4 && bs <= 9, "batch " + bs);
      sizes.add(bs);
    }
    // log-uniform over 3 decades: about a third of the draws in each decade (uniform would put ~90% in the last)
    long lowest = logs.stream().filter(l -> l < -4).count();
    assertTrue(lowest >= 5 && lowest <= 22, "draws in [1e-5, 1e-4): " + lowest + " of " + logs.size());
    assertTrue(sizes.size() >= 4, "int range draws several values: " + sizes);
  }

  @Test
  void aSweepSectionIsTheDefaultSweepAndTheCommandLineReplacesItsAxes() throws Exception {
    Path f = ring("""
        sweep:
          grid:
            loss.type: [non-saturating, hinge, lsgan]
          seeds: 2
          rank: d_loss:min
        """);
    SweepPlan fromFile = plan(f, List.of(), List.of(), null, null);
    assertEquals(6, fromFile.trials().size());
    assertEquals("d_loss:min", fromFile.definition().rank().toString());
    SweepPlan replaced = plan(f, List.of("loss.type=minimax"), List.of(), 1, null);
    assertEquals(1, replaced.trials().size());
    assertEquals("minimax", replaced.trials().get(0).overrides().get("loss.type"));
  }

  @Test
  void everyTrialGetsATensorBoardTrackerWithoutItsOwnHparamsExperiment() throws Exception {
    SweepPlan plan = plan(ring("trackers: [{type: console}, {type: tensorboard}]\n"), List.of("loss.type=hinge,lsgan"), List.of(), null, null);
    for (PlannedTrial t : plan.trials()) {
      List<TrackerSpec> trackers = t.loaded().experiment().trackers();
      assertEquals(2, trackers.size(), trackers.toString());
      TensorBoardTrackerSpec tb = (TensorBoardTrackerSpec) trackers.get(1);
      assertFalse(tb.hparamsExperiment());
    }
  }

  @Test
  void aPathThatNamesNoOptionStopsTheSweepBeforeItStartsNamingTheGridOption() throws Exception {
    Path f = ring("");
    GantrackCli.Outcome o = GantrackCli.run("sweep", f.toString(), "--grid", "loss.lamda=1,2", "--runs", dir.resolve("runs").toString());
    assertEquals(2, o.code(), o.err());
    assertEquals("error: " + f + ": --grid loss.lamda: unknown field; allowed:", o.err().strip().substring(0, ("error: " + f + ": --grid loss.lamda: unknown field; allowed:").length()), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertFalse(Files.exists(dir.resolve("runs")), "nothing is written before the trials are valid");
  }

  @Test
  void aValueOutOfRangeInOneTrialStopsTheSweepBeforeTheFirstTrial() throws Exception {
    Path f = ring("");
    GantrackCli.Outcome o = GantrackCli.run("sweep", f.toString(), "--grid", "ttur.generator.lr=1e-4,1e30", "--runs", dir.resolve("runs").toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().startsWith("error: " + f + ": --grid ttur.generator.lr: 1.0E30 is out of range"), o.err());
    assertFalse(Files.exists(dir.resolve("runs")));
  }

  @Test
  void aBadSweepSectionIsOneLineFromValidateAndRunIgnoresAGoodOne() throws Exception {
    Path bad = ring("sweep: {rank: fid, seeds: 2}\n");
    GantrackCli.Outcome o = GantrackCli.run("validate", bad.toString());
    assertEquals(2, o.code());
    assertEquals("error: " + bad + ": sweep.rank: 'fid' is not a ranking; use metric:min or metric:max, e.g. d_loss:min",
        o.err().strip());
    Path typo = ring("sweep: {grids: {loss.type: [hinge]}}\n");
    o = GantrackCli.run("validate", typo.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().strip().startsWith("error: " + typo + ": sweep.grids: unknown field; allowed: grid, parallel, random, range, rank, seeds"), o.err());
    Path range = ring("sweep: {range: {ttur.generator.lr: '1e-3:1e-5:log'}, random: 3}\n");
    o = GantrackCli.run("validate", range.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("sweep.range.ttur.generator.lr: needs finite low < high"), o.err());
    Path good = ring("sweep: {grid: {loss.type: [hinge, lsgan]}}\n");
    assertEquals(0, GantrackCli.run("validate", good.toString()).code());
  }

  @Test
  void aRangeWithoutRandomSearchAndAnEmptySweepAreRefused() throws Exception {
    Path f = ring("");
    GantrackCli.Outcome o = GantrackCli.run("sweep", f.toString(), "--range", "ttur.generator.lr=1e-5:1e-3:log", "--dry-run");
    assertEquals(2, o.code());
    assertEquals("error: --range ttur.generator.lr: a range is sampled by random search: add --random K (or random: K in the sweep section)",
        o.err().strip());
    o = GantrackCli.run("sweep", f.toString(), "--dry-run");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("nothing to sweep"), o.err());
    o = GantrackCli.run("sweep", f.toString(), "--grid", "loss.type=hinge", "--gpus-per-trial", "1", "--dry-run");
    assertEquals(0, o.code(), "--dry-run plans only: " + o.err());
  }

  @Test
  void dryRunListsTheTrialsAndWritesNothing() throws Exception {
    Path f = ring("");
    GantrackCli.Outcome o = GantrackCli.run("sweep", f.toString(), "--grid", "loss.type=hinge,lsgan", "--seeds", "2", "--dry-run",
        "--runs", dir.resolve("runs").toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains(": 4 trials"), o.out());
    assertTrue(o.out().contains("[4] loss.type=lsgan seed=4"), o.out());
    assertFalse(Files.exists(dir.resolve("runs")));
  }
}
