/**
 * The {@code mlflow} tracker: runs recorded in an MLflow tracking server (REST API 2.0) without
 * slowing or endangering training.
 *
 * <ul>
 *   <li>{@link dev.gantrack.trackers.mlflow.MlflowTrackerSpec}: the options;
 *   <li>{@link dev.gantrack.trackers.mlflow.MlflowTracker}: appends every callback to a durable
 *       spool in the run folder ({@code mlflow-spool/spool.jsonl}, one JSON line per record with a
 *       sequence number, plus {@code state.json} with the MLflow ids and the last record
 *       delivered) and delivers it from a background thread with backoff;
 *   <li>{@link dev.gantrack.trackers.mlflow.MlflowSync}: delivers what a run left in its spool
 *       ({@code gantrack sync RUN_DIR}).
 * </ul>
 *
 * <p>Recording: {@code Spool} (the file, under a {@code SpoolLock}) and {@code SpoolEntries} (what
 * its entries hold). Delivery: the tracker's {@code DeliveryThread} (or the sync) runs a {@code
 * Courier}, which reads the spool in order ({@code SpoolReader}), keeps {@code state.json} through
 * a {@code DeliveryLedger} and hands each entry to {@code RunLifecycle} (experiment, run, params,
 * tags, status), {@code MetricDelivery} (metrics) or {@code ArtifactUpload} (files, key map), all
 * calling the server through {@code MlflowRest}; {@code Backoff} spaces the retries. {@code
 * MetricBatching} alone decides when metrics go and how many go together.
 *
 * <p>Delivery is exactly once: every call is idempotent except logging metrics, whose groups are
 * marked in flight in {@code state.json} before they are sent and, when their outcome is unknown,
 * checked against {@code metrics/get-history} before they are sent again (see {@code
 * MetricDelivery}).
 */
package dev.gantrack.trackers.mlflow;
