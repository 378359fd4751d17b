/** The {@code gantrack} command line (picocli): run, validate, plugins, doctor, sync. */
package dev.gantrack.experiments.cli;
