/**
 * gantrack's service-provider API: the plugin entry point ({@link dev.gantrack.api.GantrackPlugin}),
 * plugin kinds and types, the experiment model, backends and run lifecycle. Free of DJL types.
 */
package dev.gantrack.api;
