/**
 * One spec base type per plugin kind. Experiment files name subtypes by {@code type:}; a spec is an
 * immutable, validated description from which a backend builds the runtime piece.
 */
package dev.gantrack.api.spec;
