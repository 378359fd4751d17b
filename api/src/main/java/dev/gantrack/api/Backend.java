package dev.gantrack.api;

import com.google.inject.Module;
import dev.gantrack.api.run.CheckpointInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A training engine: it turns a validated {@link Experiment} into a trained GAN. The DJL/PyTorch
 * backend is the built-in one; another engine would be a sibling module contributing its own.
 *
 * <p>A run is assembled by Guice: the host makes one injector per run from {@link
 * dev.gantrack.api.run.RunModule}, this backend's {@link #runModule()} and every plugin's module,
 * then obtains {@link dev.gantrack.api.run.Training} from it and runs it.
 */
@PublicApi
public interface Backend {

  /** The backend's name in experiment files ({@code backend: djl}). */
  String name();

  /**
   * Checks what only the backend can check without allocating tensors: every role's spec has an
   * implementation here (naming the interface a plugin must implement), the device exists, sizes
   * fit. Empty when fine.
   */
  List<Problem> check(Experiment experiment);

  /** The bindings this backend adds to every run's injector; it must bind {@link dev.gantrack.api.run.Training}. */
  Module runModule();

  /** What {@code gantrack doctor} prints: engine, versions, devices, native library, advice. */
  Map<String, String> diagnose();

  /**
   * The checkpoints this backend wrote in {@code runDirectory}, newest first, each checked (manifest,
   * every file's size and checksum) without allocating tensors; none by default. A resume restores
   * one of these through {@link dev.gantrack.api.run.Training#restore}.
   */
  default List<CheckpointInfo> checkpoints(Path runDirectory) {
    return List.of();
  }
}
