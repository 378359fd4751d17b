/**
 * The {@code tensorboard} tracker: writes TensorBoard event files (TFRecord-framed {@code Event}
 * protos, encoded by hand) with scalars, images, histograms, the resolved experiment as text, a
 * custom-scalars layout and the HParams plugin's session and experiment summaries.
 *
 * <p>{@link dev.gantrack.trackers.tensorboard.TensorBoardTrackerSpec} is the spec ({@code type:
 * tensorboard}), {@link dev.gantrack.trackers.tensorboard.TensorBoardTracker} the tracker and {@link
 * dev.gantrack.trackers.tensorboard.EventFileWriter} the writer. Inside: {@code Summaries} and
 * {@code HparamsSummaries} encode each kind of value as a {@code Summary} ({@code Histogram} buckets
 * the values of a histogram), {@code EventFile} names the file and appends events to it, framed by
 * {@code TfRecord} ({@code Crc32c}) and encoded with {@code ProtoWriter}.
 */
package dev.gantrack.trackers.tensorboard;
