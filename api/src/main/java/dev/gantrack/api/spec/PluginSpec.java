package dev.gantrack.api.spec;

import dev.gantrack.api.PublicApi;

/**
 * The configuration of one plugin as read from an experiment file: immutable, validated on
 * construction, free of runtime state. A backend turns it into the runtime piece of a run.
 */
@PublicApi
public interface PluginSpec {}
