package dev.gantrack.api.run;

import dev.gantrack.api.PublicApi;
import java.nio.file.Path;

/**
 * One checkpoint folder of a run ({@code checkpoints/step-XXXXXX/}) as its backend sees it.
 *
 * @param name the folder's name, e.g. {@code step-000300}
 * @param step the step it was written after
 * @param path the folder
 * @param bytes the size of its files
 * @param pinned true when the user pinned it (kept beyond {@code training.checkpoint-keep})
 * @param problem why it cannot be resumed from (its manifest or a checksum fails), or null when it is sound
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public record CheckpointInfo(String name, long step, Path path, long bytes, boolean pinned, String problem) {
  /** The file whose presence in a checkpoint folder pins it. */
  public static final String PIN_FILE = "pinned";

  /** True when the manifest and every checksum are as written. */
  public boolean sound() {
    return problem == null;
  }
}
