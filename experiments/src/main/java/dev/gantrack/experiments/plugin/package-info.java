/**
 * Finds plugins (class path and a plugins folder, one class loader per jar that shares only the SPI
 * with gantrack), and maps every {@code type:} name to its spec class: one registry, bound with
 * Guice and handed to Jackson as named subtypes.
 */
package dev.gantrack.experiments.plugin;
