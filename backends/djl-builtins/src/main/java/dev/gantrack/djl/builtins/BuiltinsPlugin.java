package dev.gantrack.djl.builtins;

import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.djl.builtins.loss.HingeLoss;
import dev.gantrack.djl.builtins.loss.LsganLoss;
import dev.gantrack.djl.builtins.loss.MinimaxLoss;
import dev.gantrack.djl.builtins.loss.NonSaturatingLoss;
import dev.gantrack.djl.builtins.loss.WassersteinLoss;
import dev.gantrack.djl.builtins.loss.WganGpLoss;
import dev.gantrack.djl.builtins.network.DcganDiscriminator;
import dev.gantrack.djl.builtins.network.DcganGenerator;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.builtins.noise.GaussianInstanceNoise;
import dev.gantrack.djl.builtins.noise.NormalLatent;
import dev.gantrack.djl.builtins.noise.TruncatedNormalLatent;
import dev.gantrack.djl.builtins.noise.UniformLatent;
import dev.gantrack.djl.builtins.optim.SeparateOptimizers;
import dev.gantrack.djl.builtins.optim.TwoTimeScale;
import dev.gantrack.djl.builtins.penalty.GradientPenalty;
import dev.gantrack.djl.builtins.penalty.R1Penalty;
import dev.gantrack.djl.builtins.penalty.R2Penalty;
import dev.gantrack.djl.builtins.smoothing.NoLabelSmoothing;
import dev.gantrack.djl.builtins.smoothing.NoisyLabelSmoothing;
import dev.gantrack.djl.builtins.smoothing.OneSidedLabelSmoothing;
import dev.gantrack.djl.builtins.smoothing.SwappedLabelSmoothing;
import dev.gantrack.djl.builtins.smoothing.TwoSidedLabelSmoothing;
import dev.gantrack.djl.builtins.spectral.PowerIterationSpectralNorm;
import java.util.List;

/** gantrack's built-in plugin types for the DJL backend, contributed through the same SPI a third party uses. */
public final class BuiltinsPlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of(
        PluginType.of(PluginKind.GENERATOR, MlpGenerator.TYPE, MlpGenerator.class, "fully connected generator"),
        PluginType.of(PluginKind.GENERATOR, DcganGenerator.TYPE, DcganGenerator.class, "DCGAN generator (transposed convolutions)"),
        PluginType.of(PluginKind.DISCRIMINATOR, MlpDiscriminator.TYPE, MlpDiscriminator.class, "fully connected discriminator"),
        PluginType.of(PluginKind.DISCRIMINATOR, DcganDiscriminator.TYPE, DcganDiscriminator.class, "DCGAN discriminator (strided convolutions)"),
        PluginType.of(PluginKind.LOSS, MinimaxLoss.TYPE, MinimaxLoss.class, "original GAN game, BCE; G minimises log(1-D(G(z)))"),
        PluginType.of(PluginKind.LOSS, NonSaturatingLoss.TYPE, NonSaturatingLoss.class, "BCE; G maximises log D(G(z))"),
        PluginType.of(PluginKind.LOSS, LsganLoss.TYPE, LsganLoss.class, "least squares; D's loss 0.25 at equilibrium; raw D output as score"),
        PluginType.of(PluginKind.LOSS, HingeLoss.TYPE, HingeLoss.class, "hinge; D: mean of relu(1-D(x)) and relu(1+D(G(z))); G: -D(G(z))"),
        PluginType.of(PluginKind.LOSS, WassersteinLoss.TYPE, WassersteinLoss.class, "Wasserstein critic with weight clipping"),
        PluginType.of(PluginKind.LOSS, WganGpLoss.TYPE, WganGpLoss.class, "Wasserstein critic with a gradient penalty on interpolates"),
        PluginType.of(PluginKind.PENALTY, R1Penalty.TYPE, R1Penalty.class, "gamma/2 * mean squared gradient norm of D on reals"),
        PluginType.of(PluginKind.PENALTY, R2Penalty.TYPE, R2Penalty.class, "gamma/2 * mean squared gradient norm of D on fakes"),
        PluginType.of(PluginKind.PENALTY, GradientPenalty.TYPE, GradientPenalty.class, "WGAN-GP's lambda * (|grad D| - target)^2 on real/fake interpolates"),
        PluginType.of(PluginKind.LABEL_SMOOTHING, NoLabelSmoothing.TYPE, NoLabelSmoothing.class, "real 1, fake 0"),
        PluginType.of(PluginKind.LABEL_SMOOTHING, OneSidedLabelSmoothing.TYPE, OneSidedLabelSmoothing.class, "D's real target softened (e.g. 0.9), fake 0"),
        PluginType.of(PluginKind.LABEL_SMOOTHING, TwoSidedLabelSmoothing.TYPE, TwoSidedLabelSmoothing.class, "D's real and fake targets softened (e.g. 0.9 / 0.1)"),
        PluginType.of(PluginKind.LABEL_SMOOTHING, NoisyLabelSmoothing.TYPE, NoisyLabelSmoothing.class, "each of D's labels flipped with probability p per step"),
        PluginType.of(PluginKind.LABEL_SMOOTHING, SwappedLabelSmoothing.TYPE, SwappedLabelSmoothing.class, "real 0, fake 1, for D and G alike"),
        PluginType.of(PluginKind.NOISE, NormalLatent.TYPE, NormalLatent.class, "latent seeds from N(0, std²)"),
        PluginType.of(PluginKind.NOISE, UniformLatent.TYPE, UniformLatent.class, "latent seeds from U(low, high)"),
        PluginType.of(PluginKind.NOISE, TruncatedNormalLatent.TYPE, TruncatedNormalLatent.class, "latent seeds from N(0, 1) truncated at ±threshold"),
        PluginType.of(PluginKind.NOISE, GaussianInstanceNoise.TYPE, GaussianInstanceNoise.class, "instance noise N(0, σ²) on D's inputs, σ annealed to 0"),
        PluginType.of(PluginKind.TTUR, SeparateOptimizers.TYPE, SeparateOptimizers.class, "an optimizer for G and one for D (adam, adamw, sgd, rmsprop; lr schedules), k D-steps per G-step"),
        PluginType.of(PluginKind.TTUR, TwoTimeScale.TYPE, TwoTimeScale.class, "TTUR preset as in SAGAN/BigGAN: D Adam 4e-4, G Adam 1e-4, betas 0/0.9; all overridable"),
        PluginType.of(PluginKind.SPECTRAL_NORM, PowerIterationSpectralNorm.TYPE, PowerIterationSpectralNorm.class,
            "W/σ(W), σ by power iteration with a persistent u (Miyato et al.; D's layers, optionally G's)"));
  }
}
