package dev.gantrack.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.experiments.cli.CommandLineTest.Outcome;
import dev.gantrack.experiments.runfolder.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantrack resume}'s refusals, each one line and exit 2 with the run folder untouched, and what
 * it accepts: a finished run trained further with {@code --set training.steps}, a changed experiment
 * with {@code --force}, an older checkpoint by name; each resume recorded in provenance.json.
 */
class ResumeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** A finished tiny ring run of 12 steps with checkpoints at 4, 8 and 12; its folder. */
  private Path finishedRun(String... more) throws IOException {
    Path file = Files.writeString(dir.resolve("ring.yaml"), """
        name: ring
        seed: 3
        device: cpu
        dataset: {type: ring}
        generator: {type: mlp, latent-dim: 4, hidden: 8, layers: 1, output: linear}
        discriminator: {type: mlp, hidden: 8, layers: 1}
        training: {steps: 12, batch-size: 8, log-every: 4, sample-every: 0, checkpoint-every: 4}
        trackers: [{type: local}]
        """);
    Outcome o = CommandLineTest.gantrack(Stream.concat(Stream.of("run", file.toString(), "--runs",
        dir.resolve("runs").toString()), Stream.of(more)).toArray(String[]::new));
    assertEquals(0, o.code(), o.err());
    try (Stream<Path> s = Files.list(dir.resolve("runs/ring"))) {
      return s.findFirst().orElseThrow();
    }
  }

  private static Outcome resume(Path run, String... more) {
    return CommandLineTest.gantrack(Stream.concat(Stream.of("resume", run.toString()), Stream.of(more))
        .toArray(String[]::new));
  }

  private static void assertOneLine(Outcome o, String... fragments) {
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
    for (String f : fragments) {
      assertTrue(o.err().contains(f), "'" + f + "' in " + o.err());
    }
  }

  @Test
  void aFinishedRunIsRefusedUntilTrainingStepsGrowsThenTrainsOnAndIsRecorded() throws Exception {
    Path run = finishedRun();
    assertOneLine(resume(run), "training.steps", "nothing is left to train", "--set training.steps=N");
    Outcome o = resume(run, "--set", "training.steps=20");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("resuming " + run + " from step-000012"), o.out());
    assertEquals("FINISHED", Files.readString(run.resolve("status")).strip());
    List<Long> steps = Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .map(l -> readStep(l)).toList();
    assertEquals(List.of(4L, 8L, 12L, 16L, 20L), steps);
    JsonNode resumes = JSON.readTree(run.resolve("provenance.json").toFile()).path("resumes");
    assertEquals(1, resumes.size());
    assertEquals("step-000012", resumes.get(0).path("checkpoint").asText());
    assertEquals("20", resumes.get(0).at("/changed/training.steps/to").asText());
    assertTrue(Files.readString(run.resolve("experiment.yaml")).contains("steps: 20"), "the new total is written back");
    assertTrue(Files.isDirectory(run.resolve("checkpoints/step-000020")));
  }

  @Test
  void theTrackersGivenOnTheCommandLineAreGivenAgainToTheResumedRun() throws Exception {
    Path run = finishedRun("--tracker", "tensorboard");
    Outcome o = resume(run, "--set", "training.steps=16");
    assertEquals(0, o.code(), o.err());
    try (Stream<Path> files = Files.list(run.resolve("tensorboard"))) {
      assertEquals(2, files.count(), "an event file from each process");
    }
  }

  @Test
  void aChangedExperimentIsRefusedNamingTheFieldsAndResumedWithForce() throws Exception {
    Path run = finishedRun();
    String yaml = Files.readString(run.resolve("experiment.yaml"));
    Files.writeString(run.resolve("experiment.yaml"), yaml.replace("non-saturating", "lsgan"));
    assertOneLine(resume(run, "--set", "training.steps=16", "--set", "ttur.generator.lr=0.001"),
        "loss.type (non-saturating -> lsgan)", "ttur.generator.lr (2.0E-4 -> 0.001)", "--force");
    assertTrue(Files.readString(run.resolve("status")).startsWith("FINISHED"), "a refusal changes nothing");
    Outcome o = resume(run, "--set", "training.steps=16", "--force");
    assertEquals(0, o.code(), o.err());
    JsonNode resume = JSON.readTree(run.resolve("provenance.json").toFile()).path("resumes").get(0);
    assertTrue(resume.path("forced").asBoolean());
    assertEquals("lsgan", resume.at("/changed/loss.type/to").asText());
  }

  @Test
  void aDamagedCheckpointIsRefusedOfferingThePreviousOneWhichResumes() throws Exception {
    Path run = finishedRun();
    Path newest = run.resolve("checkpoints/step-000012/generator.state");
    byte[] bytes = Files.readAllBytes(newest);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(newest, bytes);
    assertOneLine(resume(run, "--set", "training.steps=16"), "step-000012", "generator.state", "SHA-256",
        "the previous checkpoint is sound: gantrack resume " + run + " --checkpoint step-000008");
    Outcome o = resume(run, "--set", "training.steps=16", "--checkpoint", "step-000008");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("from step-000008"), o.out());
    assertOneLine(resume(run, "--checkpoint", "step-000099"), "no such checkpoint", "step-000016");
  }

  @Test
  void aRunAnotherProcessHoldsAndAFolderThatIsNoRunAreRefused() throws Exception {
    Path run = finishedRun();
    try (RunLock held = RunLock.tryAcquire(run)) {
      assertTrue(held != null);
      assertOneLine(resume(run, "--set", "training.steps=16"), "in use", "is training in it");
    }
    assertOneLine(resume(dir), "not a run folder");
    assertFalse(Files.exists(dir.resolve("status")));
  }

  private static long readStep(String line) {
    try {
      return JSON.readTree(line).path("step").asLong();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
