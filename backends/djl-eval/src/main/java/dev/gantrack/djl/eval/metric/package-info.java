/**
 * The built-in metrics of the DJL backend (role {@code metrics}): {@code fid}, {@code kid}, {@code
 * is}, {@code precision-recall}, {@code class-coverage}, {@code diversity} and {@code mode-count}. Each
 * logs the value names its Javadoc lists (stable: other tools read them) and records its provenance.
 */
package dev.gantrack.djl.eval.metric;
