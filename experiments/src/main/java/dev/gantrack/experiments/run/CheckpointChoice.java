package dev.gantrack.experiments.run;

import dev.gantrack.api.run.CheckpointInfo;
import dev.gantrack.experiments.file.ExperimentException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which checkpoint a resume continues from (or {@code eval} and {@code sample} read): the one named,
 * else the newest; one that fails its checks is refused with what is wrong and the newest sound one
 * before it offered instead.
 */
final class CheckpointChoice {
  private CheckpointChoice() {}

  static CheckpointInfo choose(Path runDir, List<CheckpointInfo> all, String name) throws ExperimentException {
    return choose(runDir, all, name, "resume");
  }

  /** As {@link #choose(Path, List, String)}, for {@code gantrack <command>} (the command offered with an earlier checkpoint). */
  static CheckpointInfo choose(Path runDir, List<CheckpointInfo> all, String name, String command)
      throws ExperimentException {
    if (all.isEmpty()) {
      throw new ExperimentException(runDir, "", "has no checkpoint to " + command + " from (the run stopped before its"
          + " first one)" + (command.equals("resume") ? "; start it again with gantrack run" : ""));
    }
    int index = 0;
    if (name != null) {
      index = -1;
      for (int i = 0; i < all.size(); i++) {
        CheckpointInfo c = all.get(i);
        if (c.name().equals(name) || String.valueOf(c.step()).equals(name)) {
          index = i;
        }
      }
      if (index < 0) {
        throw new ExperimentException(runDir, "--checkpoint " + name, "no such checkpoint; the run has "
            + all.stream().map(CheckpointInfo::name).collect(Collectors.joining(", ")));
      }
    }
    CheckpointInfo chosen = all.get(index);
    if (chosen.sound()) {
      return chosen;
    }
    String offer = all.subList(index + 1, all.size()).stream().filter(CheckpointInfo::sound).findFirst()
        .map(c -> "; the previous checkpoint is sound: gantrack " + command + " " + runDir + " --checkpoint " + c.name())
        .orElse("; no earlier checkpoint is sound");
    throw new ExperimentException(chosen.path(), "", "refused: " + chosen.problem() + offer);
  }
}
