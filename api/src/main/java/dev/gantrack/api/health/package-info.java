/**
 * The health monitor: rules of thumb users apply to a GAN's logged values ({@link
 * dev.gantrack.api.health.HealthRule}, made by a {@link dev.gantrack.api.spec.HealthRuleSpec}),
 * the engine-neutral {@link dev.gantrack.api.health.HealthMonitor} that keeps what they read and
 * reports what they find, and its state as one value ({@link dev.gantrack.api.health.HealthState}).
 */
package dev.gantrack.api.health;
