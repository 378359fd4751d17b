/**
 * One run's assembly: what the host binds in every run's Guice injector ({@link
 * dev.gantrack.api.run.RunModule}), how plugins reach the run's services ({@link
 * dev.gantrack.api.run.RunServices}), the run's seeded random streams, and the {@link
 * dev.gantrack.api.run.Training} a backend hands back.
 */
package dev.gantrack.api.run;
