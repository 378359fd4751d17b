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
 * <p>Delivery is exactly once: every call is idempotent except logging metrics, whose batches are
 * marked in flight in {@code state.json} before they are sent and, when their outcome is unknown,
 * checked against {@code metrics/get-history} before they are sent again (see {@code Courier}).
 */
package dev.gantrack.trackers.mlflow;
