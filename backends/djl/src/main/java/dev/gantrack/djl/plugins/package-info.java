/**
 * gantrack's built-in DJL plugins: networks, losses, label smoothing, noise, optimizers. They are
 * registered by {@link dev.gantrack.djl.DjlPlugin} through the same public SPI a third party uses.
 */
package dev.gantrack.djl.plugins;
