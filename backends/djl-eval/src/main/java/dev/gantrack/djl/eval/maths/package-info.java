/**
 * The formulas behind the metrics, each checked by tests against an independent computation: the
 * Fréchet distance of two Gaussians (FID), the unbiased polynomial-kernel MMD² (KID), the Inception
 * Score, k-NN manifold precision and recall, class histograms, MS-SSIM and an LPIPS-style distance.
 */
package dev.gantrack.djl.eval.maths;
