/**
 * The training-listener SPI of the DJL backend: {@link
 * dev.gantrack.djl.spi.listener.GanTrainingListener} and the views of a run, a D update, a G update
 * and a step that it is handed. Its Javadoc states the order of every callback and how long every
 * array lives.
 */
package dev.gantrack.djl.spi.listener;
