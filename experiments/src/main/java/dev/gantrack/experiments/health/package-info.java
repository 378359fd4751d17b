/**
 * The built-in health rules ({@code health:}): {@code balance}, {@code d-winning}, {@code d-lost},
 * {@code g-loss-climbing} and {@code collapse}. They read only the api (the logged values through
 * {@link dev.gantrack.api.health.Signals}, the loss's levels through {@link
 * dev.gantrack.api.spec.LossSpec}), as a third party's rule would.
 */
package dev.gantrack.experiments.health;
