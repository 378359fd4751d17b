package dev.gantrack.experiments.sweep.exec;

import dev.gantrack.experiments.sweep.PlannedTrial;
import dev.gantrack.experiments.sweep.TrialPayload;
import java.nio.file.Path;

/**
 * One attempt of a trial handed to an executor.
 *
 * @param slot which of the executor's {@link TrialExecutor#slots()} runs it (0-based): a GPU or a
 *     share of the cores
 */
public record TrialJob(PlannedTrial trial, TrialPayload payload, Path runDirectory, int slot) {}
