package dev.gantrack.djl;

import com.google.inject.Module;
import dev.gantrack.api.Backend;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.Problem;
import dev.gantrack.api.Role;
import dev.gantrack.api.run.CheckpointInfo;
import dev.gantrack.api.spec.PluginSpec;
import dev.gantrack.djl.checkpoint.Checkpoints;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.DjlTturSpec;
import dev.gantrack.djl.train.DjlRunModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
    for (Role role : Role.values()) {
      List<Class<?>> required = DjlRoles.interfacesOf(role);
      List<PluginSpec> specs = role.specs(e);
      for (int i = 0; i < specs.size() && !required.isEmpty(); i++) {
        PluginSpec spec = specs.get(i);
        if (required.stream().noneMatch(r -> r.isInstance(spec))) {
          problems.add(Problem.at(role.path(i), "this type has no implementation for backend '" + NAME
              + "' (its plugin must implement " + String.join(" or ", required.stream().map(Class::getName).toList())
              + ")"));
        }
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    Devices.problem(e.device()).ifPresent(message -> problems.add(Problem.at("device", message)));
    int batch = e.training().batchSize();
    if (e.generator() instanceof DjlNetworkSpec g && batch < g.minimumBatch()) {
      problems.add(Problem.at("training.batch-size", batch + " is too small for the generator, which normalises over"
          + " the batch (batch norm needs at least " + g.minimumBatch() + " examples); use a larger batch or"
          + " generator.norm: layer | none"));
    }
    int pack = Math.max(1, e.discriminator().pack());
    int packs = batch / pack;
    if (e.discriminator() instanceof DjlNetworkSpec d && packs < d.minimumBatch()) {
      problems.add(Problem.at("training.batch-size", batch + " gives the discriminator " + packs
          + (packs == 1 ? " example" : " examples") + " per pass (" + (pack > 1 ? "packs of " + pack + "; " : "")
          + "batch norm needs at least " + d.minimumBatch() + "); use a larger batch or discriminator.norm: layer | none"));
    }
    long steps = e.training().steps();
    for (Problem p : ((DjlTturSpec) e.ttur()).check(steps * e.ttur().gSteps(), steps * e.ttur().dSteps())) {
      problems.add(p.under(Role.TTUR.key()));
    }
    return problems;
  }

  @Override
  public Module runModule() {
    return new DjlRunModule();
  }

  @Override
  public Map<String, String> diagnose() {
    return Devices.diagnose();
  }

  @Override
  public List<CheckpointInfo> checkpoints(Path runDirectory) {
    try {
      return Checkpoints.list(runDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
