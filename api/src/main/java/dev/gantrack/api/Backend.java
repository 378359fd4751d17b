package dev.gantrack.api;

import java.util.List;
import java.util.Map;

/**
 * A training engine: it turns a validated {@link Experiment} into a trained GAN. The DJL/PyTorch
 * backend is the built-in one; another engine would be a sibling module contributing its own.
 */
@PublicApi
public interface Backend {

  /** The backend's name in experiment files ({@code backend: djl}). */
  String name();

  /**
   * Checks what only the backend can check (every spec has an implementation here, the device
   * exists) without allocating tensors. Returns problems as {@code field: message}; empty when fine.
   */
  List<String> check(Experiment experiment);

  /** Runs the experiment to the end or until {@link RunContext#cancelled()} turns true. */
  void train(Experiment experiment, RunContext context) throws Exception;

  /** What {@code gantrack doctor} prints: engine, versions, devices, native library, advice. */
  Map<String, String> diagnose();
}
