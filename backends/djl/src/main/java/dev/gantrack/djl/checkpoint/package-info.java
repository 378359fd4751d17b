/** Saving and restoring the run's networks and their weight transforms' state. */
package dev.gantrack.djl.checkpoint;
