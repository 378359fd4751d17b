package dev.gantrack.djl;

import ai.djl.Device;
import dev.gantrack.api.Backend;
import dev.gantrack.api.Experiment;
import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import dev.gantrack.api.Problem;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.run.Training;
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
  public List<Problem> check(Experiment e) {
    List<Problem> problems = new ArrayList<>();
    need(problems, "generator", e.generator(), DjlNetworkSpec.class);
    need(problems, "discriminator", e.discriminator(), DjlNetworkSpec.class);
    need(problems, "loss", e.loss(), DjlLossSpec.class);
    need(problems, "label-smoothing", e.labelSmoothing(), DjlLabelSmoothingSpec.class);
    need(problems, "latent", e.latent(), DjlNoiseSpec.class);
    need(problems, "instance-noise", e.instanceNoise(), DjlNoiseSpec.class);
    need(problems, "ttur", e.ttur(), DjlTturSpec.class);
    need(problems, "spectral-norm", e.spectralNorm(), DjlSpectralNormSpec.class);
    need(problems, "penalty", e.penalty(), dev.gantrack.djl.spi.DjlPenaltySpec.class);
    int batch = e.training().batchSize();
    if (e.generator() instanceof DjlNetworkSpec g && batch < g.minimumBatch()) {
      problems.add(Problem.at("training.batch-size", batch + " is too small for the generator, which normalises over the batch"
          + " (batch norm needs at least " + g.minimumBatch() + " examples); use a larger batch or generator.norm: layer | none"));
    }
    int packs = batch / Math.max(1, e.discriminator().pack());
    if (e.discriminator() instanceof DjlNetworkSpec d && packs < d.minimumBatch()) {
      problems.add(Problem.at("training.batch-size", batch + " gives the discriminator " + packs + (packs == 1 ? " example" : " examples")
          + " per pass (" + (e.discriminator().pack() > 1 ? "packs of " + e.discriminator().pack() + "; " : "")
          + "batch norm needs at least " + d.minimumBatch() + "); use a larger batch or discriminator.norm: layer | none"));
    }
    if (e.ttur() instanceof DjlTturSpec ttur) {
      long steps = e.training().steps();
      for (String p : ttur.check(steps, steps * e.ttur().dSteps())) {
        int colon = p.indexOf(": ");
        problems.add(Problem.at(p.substring(0, colon), p.substring(colon + 2)));
      }
    }
    return problems;
  }

  private static void need(List<Problem> problems, String field, PluginSpec spec, Class<?> djlType) {
    if (spec != null && !djlType.isInstance(spec)) {
      problems.add(Problem.at(field, "this type has no implementation for backend '" + NAME + "' (its plugin must implement "
          + djlType.getSimpleName() + ")"));
    }
  }

  @Override
  public Module runModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {}

      @Provides
      Training training(Experiment experiment, DataSource data, RunContext context, RunServices services) {
        return new Training() {
          private GanTrainer trainer;

          @Override
          public void run() throws Exception {
            Device device = Devices.resolve(experiment.device());
            List<Metric> metrics = new ArrayList<>();
            for (MetricSpec m : experiment.metrics()) {
              metrics.add(m.create(services));
            }
            trainer = new GanTrainer(experiment, data, device);
            trainer.run(context, metrics);
            trainer.saveCheckpoint(context.runDirectory().resolve("checkpoints"), "final");
            context.tracker().onArtifact(context.runDirectory().resolve("checkpoints/G-final.params"), "checkpoints/G-final.params");
          }

          @Override
          public void close() {
            if (trainer != null) {
              trainer.close();
            }
          }
        };
      }
    };
  }

  @Override
  public Map<String, String> diagnose() {
    return Devices.diagnose();
  }
}
