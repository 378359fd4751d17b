package dev.gantrack.djl;

import dev.gantrack.api.Backend;
import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.djl.plugins.DcganDiscriminator;
import dev.gantrack.djl.plugins.DcganGenerator;
import dev.gantrack.djl.plugins.MinimaxLoss;
import dev.gantrack.djl.plugins.MlpDiscriminator;
import dev.gantrack.djl.plugins.MlpGenerator;
import dev.gantrack.djl.plugins.NoLabelSmoothing;
import dev.gantrack.djl.plugins.NonSaturatingLoss;
import dev.gantrack.djl.plugins.NormalLatent;
import dev.gantrack.djl.plugins.PowerIterationSpectralNorm;
import dev.gantrack.djl.plugins.SeparateOptimizers;
import java.util.List;

/** The DJL backend and its built-in plugin types, contributed through the public SPI. */
public final class DjlPlugin implements GantrackPlugin {
  @Override
  public List<PluginType> types() {
    return List.of(
        PluginType.of(PluginKind.GENERATOR, MlpGenerator.TYPE, MlpGenerator.class, "fully connected generator"),
        PluginType.of(PluginKind.GENERATOR, DcganGenerator.TYPE, DcganGenerator.class, "DCGAN generator (transposed convolutions)"),
        PluginType.of(PluginKind.DISCRIMINATOR, MlpDiscriminator.TYPE, MlpDiscriminator.class, "fully connected discriminator"),
        PluginType.of(PluginKind.DISCRIMINATOR, DcganDiscriminator.TYPE, DcganDiscriminator.class, "DCGAN discriminator (strided convolutions)"),
        PluginType.of(PluginKind.LOSS, MinimaxLoss.TYPE, MinimaxLoss.class, "original GAN game, BCE; G minimises log(1-D(G(z)))"),
        PluginType.of(PluginKind.LOSS, NonSaturatingLoss.TYPE, NonSaturatingLoss.class, "BCE; G maximises log D(G(z))"),
        PluginType.of(PluginKind.LABEL_SMOOTHING, NoLabelSmoothing.TYPE, NoLabelSmoothing.class, "real 1, fake 0"),
        PluginType.of(PluginKind.NOISE, NormalLatent.TYPE, NormalLatent.class, "latent seeds from N(0, std²)"),
        PluginType.of(PluginKind.TTUR, SeparateOptimizers.TYPE, SeparateOptimizers.class, "an Adam for G and one for D, k D-steps per G-step"),
        PluginType.of(PluginKind.SPECTRAL_NORM, PowerIterationSpectralNorm.TYPE, PowerIterationSpectralNorm.class,
            "W/σ(W), σ by power iteration with a persistent u (Miyato et al.; D's layers, optionally G's)"));
  }

  @Override
  public List<Backend> backends() {
    return List.of(new DjlBackend());
  }
}
