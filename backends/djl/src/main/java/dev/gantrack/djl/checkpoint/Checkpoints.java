package dev.gantrack.djl.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.TrainingSpec;
import dev.gantrack.api.run.CheckpointInfo;
import dev.gantrack.api.run.RandomStreams;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.djl.spi.run.TensorKernels;
import dev.gantrack.djl.spi.state.RunState;
import dev.gantrack.djl.train.GanModel;
import dev.gantrack.djl.train.RunStates;
import java.io.ByteArrayInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's checkpoints ({@code <run>/checkpoints/}): complete, atomic snapshots of every part's
 * state ({@link RunStates}) written by {@link CheckpointWriter}, the last {@code
 * training.checkpoint-keep} kept plus the pinned ones; restoring one checks its manifest and every
 * checksum first and then sets each part in place. Separately, {@link #exportFinalWeights()} writes
 * G, D and the EMA copy in DJL's own format for users ({@code G-final.params}, ...), which is not
 * what a resume reads.
 */
@Singleton
public final class Checkpoints {
  /** JSON for manifests and state values (records, numbers, strings). */
  static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final RunStates states;
  private final GanModel model;
  private final NDManager manager;
  private final TensorKernels kernels;
  private final RunContext run;
  private final TrainingSpec training;
  private final long seed;

  @Inject
  Checkpoints(RunStates states, GanModel model, NDManager manager, TensorKernels kernels, RunContext run,
      TrainingSpec training, RandomStreams random) {
    this.states = states;
    this.model = model;
    this.manager = manager;
    this.kernels = kernels;
    this.run = run;
    this.training = training;
    this.seed = random.seed();
  }

  /** The checkpoints folder of a run folder. */
  public static Path folderOf(Path runDirectory) {
    return runDirectory.resolve("checkpoints");
  }

  /** Every checkpoint of {@code runDirectory}, newest first, each checked (manifest, sizes, SHA-256). */
  public static List<CheckpointInfo> list(Path runDirectory) throws IOException {
    return CheckpointFolder.list(folderOf(runDirectory), JSON);
  }

  /** Writes the checkpoint of {@code step}, then removes unfinished and surplus ones; returns its folder. */
  public Path save(long step) throws IOException {
    Path dir = folderOf(run.runDirectory());
    Path written = new CheckpointWriter(JSON).write(dir, step, training.steps(), seed, states.parts());
    CheckpointFolder.prune(dir, training.checkpointKeep());
    return written;
  }

  /**
   * Checks {@code checkpoint} and sets every part of the run to the state it holds, in place; returns
   * its step. A part the checkpoint lacks, or an entry that does not fit, is an IOException naming it.
   */
  public long restore(Path checkpoint) throws IOException {
    Manifest manifest = CheckpointFolder.verify(checkpoint, JSON);
    Map<String, Manifest.Part> saved = new HashMap<>();
    manifest.parts().forEach(p -> saved.put(p.name(), p));
    for (String name : states.parts().keySet()) {
      if (!saved.containsKey(name)) {
        throw new IOException(checkpoint.getFileName() + " holds no state for '" + name
            + "', which this run has (was the experiment changed?)");
      }
    }
    IOException[] failure = new IOException[1];
    kernels.withoutGradientRecording(() -> {
      try (NDScope scope = new NDScope(); NDManager scratch = manager.newSubManager()) {
        scope.suppressNotUsedWarning();
        for (Map.Entry<String, RunState> e : states.parts().entrySet()) {
          restorePart(checkpoint, saved.get(e.getKey()), e.getValue(), scratch);
        }
      } catch (IOException ex) {
        failure[0] = ex;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    CheckpointFolder.removeUnfinished(checkpoint.getParent());
    return manifest.step();
  }

  private void restorePart(Path checkpoint, Manifest.Part part, RunState state, NDManager scratch) throws IOException {
    StateFile.Content content =
        StateFile.read(new ByteArrayInputStream(Files.readAllBytes(checkpoint.resolve(part.file()))), JSON);
    try {
      state.restore(new PartReader(part.name(), content, JSON, scratch));
    } catch (RuntimeException e) {
      throw new IOException(checkpoint.getFileName() + ": cannot restore " + e.getMessage(), e);
    }
  }

  /**
   * Writes G's, D's and (when there is one) the EMA copy's parameters in DJL's format as {@code
   * checkpoints/G-final.params}, {@code D-final.params}, {@code G-ema-final.params}, each under a
   * temporary name first; returns G's file.
   */
  public Path exportFinalWeights() throws IOException {
    Path dir = folderOf(run.runDirectory());
    Files.createDirectories(dir);
    Path g = dir.resolve("G-final.params");
    export(model.generator(), g);
    export(model.discriminator(), dir.resolve("D-final.params"));
    if (model.emaGenerator() != null) {
      export(model.emaGenerator(), dir.resolve("G-ema-final.params"));
    }
    return g;
  }

  private static void export(Block block, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp); DataOutputStream dos = new DataOutputStream(out)) {
      block.saveParameters(dos);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
