/**
 * Experiment files: safe parsing (YAML or JSON), {@code extends} with deep merge, {@code --set}
 * overrides, binding to specs by {@code type:} and validation, all before any tensor exists.
 */
package dev.gantrack.experiments.file;
