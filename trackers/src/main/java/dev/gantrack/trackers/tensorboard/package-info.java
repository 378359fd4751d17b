/**
 * The {@code tensorboard} tracker: writes TensorBoard event files (TFRecord-framed {@code Event}
 * protos, encoded by hand) with scalars, images, histograms, the resolved experiment as text, a
 * custom-scalars layout and the HParams plugin's session and experiment summaries.
 *
 * <p>{@link dev.gantrack.trackers.tensorboard.EventFileWriter} is the writer; {@link
 * dev.gantrack.trackers.tensorboard.TensorBoardTrackerSpec} the spec ({@code type: tensorboard}).
 */
package dev.gantrack.trackers.tensorboard;
