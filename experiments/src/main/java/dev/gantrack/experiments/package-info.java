/** gantrack's host: experiment files, the plugin registry, runs and the command line. */
package dev.gantrack.experiments;
