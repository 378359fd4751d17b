/**
 * The {@code gantrack} command line (picocli): one class per subcommand (run, validate, plugins,
 * schema, doctor, sync, sweep, report, and the hidden trial a sweep starts each trial with),
 * failures turned into exit codes and one line in one place ({@link
 * dev.gantrack.experiments.cli.Failures}), and the process's terminal and Ctrl-C.
 */
package dev.gantrack.experiments.cli;
