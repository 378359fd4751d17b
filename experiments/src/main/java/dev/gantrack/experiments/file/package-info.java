/**
 * Experiment files: safe parsing (YAML or JSON), the {@code extends} chain with deep merge and
 * rebased paths, {@code --set} overrides, binding to specs by {@code type:}, validation against the
 * role table, the data and the backend, all before any tensor exists; and what the spec classes
 * declare about their options (names, types, paths, selectors, defaults, ranges, choices), which
 * the plugins listing and the JSON Schema of experiment files are built from.
 */
package dev.gantrack.experiments.file;
