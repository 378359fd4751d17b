/**
 * The tensor-level interface of every role for gantrack's DJL backend. A plugin spec (an {@code
 * api} spec type) that also implements the matching interface here can be trained on DJL:
 * {@link dev.gantrack.djl.spi.DjlNetworkSpec} (generator, discriminator), {@link
 * dev.gantrack.djl.spi.DjlLossSpec}, {@link dev.gantrack.djl.spi.DjlPenaltySpec}, {@link
 * dev.gantrack.djl.spi.DjlLabelSmoothingSpec}, {@link dev.gantrack.djl.spi.DjlNoiseSpec} (latent,
 * instance noise), {@link dev.gantrack.djl.spi.DjlTturSpec}, {@link
 * dev.gantrack.djl.spi.DjlSpectralNormSpec}, {@link dev.gantrack.djl.spi.DjlMetricSpec} (metrics), {@link
 * dev.gantrack.djl.spi.DjlFeatureExtractorSpec} (feature extractor). Each interface states when its
 * callbacks are called and how long the arrays it is handed live. A piece with state that must survive
 * the process implements {@link dev.gantrack.djl.spi.state.RunState} as well. gantrack's built-in
 * plugins implement exactly these, and are compiled against this module alone.
 */
package dev.gantrack.djl.spi;
