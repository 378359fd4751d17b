package dev.gantrack.djl;

import ai.djl.Device;
import dev.gantrack.api.Backend;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.RunContext;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.spec.MetricSpec;
import dev.gantrack.api.spec.PluginSpec;
import dev.gantrack.api.track.Metric;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.DjlNoiseSpec;
import dev.gantrack.djl.spi.DjlSpectralNormSpec;
import dev.gantrack.djl.spi.DjlTturSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code djl} backend: DJL's PyTorch engine, CUDA when present, CPU otherwise. */
public final class DjlBackend implements Backend {
  public static final String NAME = "djl";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> check(Experiment e) {
    List<String> problems = new ArrayList<>();
    need(problems, "generator", e.generator(), DjlNetworkSpec.class);
    need(problems, "discriminator", e.discriminator(), DjlNetworkSpec.class);
    need(problems, "loss", e.loss(), DjlLossSpec.class);
    need(problems, "label-smoothing", e.labelSmoothing(), DjlLabelSmoothingSpec.class);
    need(problems, "latent", e.latent(), DjlNoiseSpec.class);
    need(problems, "instance-noise", e.instanceNoise(), DjlNoiseSpec.class);
    need(problems, "ttur", e.ttur(), DjlTturSpec.class);
    need(problems, "spectral-norm", e.spectralNorm(), DjlSpectralNormSpec.class);
    int batch = e.training().batchSize();
    if (e.generator() instanceof DjlNetworkSpec g && batch < g.minimumBatch()) {
      problems.add("training.batch-size: " + batch + " is too small for the generator, which normalises over the batch"
          + " (batch norm needs at least " + g.minimumBatch() + " examples); use a larger batch or generator.norm: layer | none");
    }
    int packs = batch / Math.max(1, e.discriminator().pack());
    if (e.discriminator() instanceof DjlNetworkSpec d && packs < d.minimumBatch()) {
      problems.add("training.batch-size: " + batch + " gives the discriminator " + packs + (packs == 1 ? " example" : " examples")
          + " per pass (" + (e.discriminator().pack() > 1 ? "packs of " + e.discriminator().pack() + "; " : "")
          + "batch norm needs at least " + d.minimumBatch() + "); use a larger batch or discriminator.norm: layer | none");
    }
    if (e.ttur() instanceof DjlTturSpec ttur) {
      long steps = e.training().steps();
      problems.addAll(ttur.check(steps, steps * e.ttur().dSteps()));
    }
    return problems;
  }

  private static void need(List<String> problems, String field, PluginSpec spec, Class<?> djlType) {
    if (spec != null && !djlType.isInstance(spec)) {
      problems.add(field + ": this type has no implementation for backend '" + NAME + "' (its plugin must implement "
          + djlType.getSimpleName() + ")");
    }
  }

  @Override
  public void train(Experiment experiment, RunContext context) throws Exception {
    Device device = Devices.resolve(experiment.device());
    DataSource data = experiment.dataset().open(context.plugins());
    List<Metric> metrics = new ArrayList<>();
    for (MetricSpec m : experiment.metrics()) {
      metrics.add(m.create(context.plugins()));
    }
    try (GanTrainer trainer = new GanTrainer(experiment, data, device)) {
      trainer.run(context, metrics);
      trainer.saveCheckpoint(context.runDirectory().resolve("checkpoints"), "final");
      context.tracker().onArtifact(context.runDirectory().resolve("checkpoints/G-final.params"), "checkpoints/G-final.params");
    }
  }

  @Override
  public Map<String, String> diagnose() {
    return Devices.diagnose();
  }
}
