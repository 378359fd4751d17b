package dev.gantrack.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How long and how a run trains, and how often it records (section {@code training:}). */
@PublicApi
public record TrainingSpec(
    @JsonProperty("steps") @JsonPropertyDescription("training steps, each d-steps D updates and g-steps G updates (ttur:)") int steps,
    @JsonProperty("batch-size") @JsonPropertyDescription("examples per D and per G update") int batchSize,
    @JsonProperty("log-every") @JsonPropertyDescription("steps between logged metrics (the only host syncs)") int logEvery,
    @JsonProperty("sample-every") @JsonPropertyDescription("steps between sample grids; 0 = only at the end") int sampleEvery,
    @JsonProperty("sample-grid") @JsonPropertyDescription("samples per side of the grid") int sampleGrid,
    @JsonProperty("checkpoint-every") @JsonPropertyDescription("steps between complete checkpoints (gantrack resume continues from the last); 0 = only at the end and when stopped") int checkpointEvery,
    @JsonProperty("checkpoint-keep") @JsonPropertyDescription("checkpoints kept: the newest N (pinned ones are kept besides)") int checkpointKeep,
    @JsonProperty("histogram-every") @JsonPropertyDescription("steps between weight/gradient histograms; 0 = never") int histogramEvery,
    @JsonProperty("ema") @JsonPropertyDescription("decay of an exponential moving average copy of G used for samples and metrics; 0 = off") double ema) {

  @JsonCreator
  public TrainingSpec(
      @JsonProperty("steps") Integer steps,
      @JsonProperty("batch-size") Integer batchSize,
      @JsonProperty("log-every") Integer logEvery,
      @JsonProperty("sample-every") Integer sampleEvery,
      @JsonProperty("sample-grid") Integer sampleGrid,
      @JsonProperty("checkpoint-every") Integer checkpointEvery,
      @JsonProperty("checkpoint-keep") Integer checkpointKeep,
      @JsonProperty("histogram-every") Integer histogramEvery,
      @JsonProperty("ema") Double ema) {
    this(
        Checks.range("steps", steps, 1000, 1, 100_000_000),
        Checks.range("batch-size", batchSize, 64, 1, 65_536),
        Checks.range("log-every", logEvery, 50, 1, 100_000_000),
        Checks.range("sample-every", sampleEvery, 500, 0, 100_000_000),
        Checks.range("sample-grid", sampleGrid, 8, 1, 32),
        Checks.range("checkpoint-every", checkpointEvery, 500, 0, 100_000_000),
        Checks.range("checkpoint-keep", checkpointKeep, 3, 1, 1000),
        Checks.range("histogram-every", histogramEvery, 0, 0, 100_000_000),
        Checks.range("ema", ema, 0.0, 0.0, 0.99999));
  }

  /** Options as listed, with the default number of checkpoints kept. */
  public TrainingSpec(int steps, int batchSize, int logEvery, int sampleEvery, int sampleGrid, int checkpointEvery,
      int histogramEvery, double ema) {
    this(steps, batchSize, logEvery, sampleEvery, sampleGrid, checkpointEvery, 3, histogramEvery, ema);
  }

  /** All defaults. */
  public static TrainingSpec defaults() {
    return new TrainingSpec(null, null, null, null, null, null, null, null, (Double) null);
  }
}
