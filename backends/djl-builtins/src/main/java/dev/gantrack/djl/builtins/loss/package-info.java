/**
 * The built-in adversarial losses ({@code loss:}): {@code minimax}, {@code non-saturating}, {@code
 * lsgan}, {@code hinge}, {@code wgan}, {@code wgan-gp}, {@code relativistic} and {@code
 * relativistic-average}, each a spec record whose {@code create} makes the tensor-level loss.
 */
package dev.gantrack.djl.builtins.loss;
