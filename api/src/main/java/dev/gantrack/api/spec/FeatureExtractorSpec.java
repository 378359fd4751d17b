package dev.gantrack.api.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gantrack.api.PublicApi;

/**
 * The network metrics measure samples with (kind {@code feature-extractor}): features for FID, KID
 * and precision/recall, class probabilities for IS and class coverage. One per run, shared by every
 * metric that uses it; a backend builds it from this spec the first time a metric asks for it.
 *
 * <p>Subtypes are named by {@code type:} in experiment files and registered through a {@link
 * dev.gantrack.api.GantrackPlugin}. A spec is immutable and validates its options in its
 * constructor (through {@link dev.gantrack.api.Checks}, or by throwing {@link
 * dev.gantrack.api.InvalidOptionException} naming the option and what is allowed).
 */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface FeatureExtractorSpec extends PluginSpec {}
