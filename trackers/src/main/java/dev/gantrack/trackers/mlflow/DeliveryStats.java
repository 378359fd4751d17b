package dev.gantrack.trackers.mlflow;

/** What a {@link Courier} sent, for tests and for {@code gantrack sync}'s summary. */
final class DeliveryStats {
  long requests;
  long metricBatches;
  long metricsSent;
  long metricsAlreadyThere;
  long paramTagBatches;
  long artifacts;
  long metricNanos; // time spent in metric runs/log-batch requests
}
