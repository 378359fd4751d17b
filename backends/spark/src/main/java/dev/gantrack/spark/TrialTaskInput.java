package dev.gantrack.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a trial's Spark task receives: the child JVM's command line and environment, the trial's
 * payload (its resolved experiment, as a string of JSON) and its run folder, which every worker sees.
 *
 * @param threads PyTorch intra-op threads the trial may use
 */
record TrialTaskInput(List<String> argv, Map<String, String> env, String payload, String runDirectory, int threads)
    implements Serializable {}
