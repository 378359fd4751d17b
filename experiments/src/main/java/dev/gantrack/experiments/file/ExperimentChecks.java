package dev.gantrack.experiments.file;

import dev.gantrack.api.Backend;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.Problem;
import dev.gantrack.api.Role;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.spec.PluginSpec;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks a bound experiment before anything is allocated, against the {@link Role} table (each
 * spec fits its role, required roles are filled), the data (it can be described; G's output and
 * D's input match its examples; conditional networks need labels) and the backend ({@link
 * Backend#check}). The first problem is thrown as an {@link ExperimentException}.
 */
final class ExperimentChecks {
  /**
   * How a sentence names what a role holds, where "a {@code key} type" would say less: the noise
   * roles take the same kind of plugin for two different jobs.
   */
  private static final Map<Role, String> HOLDS = Map.of(
      Role.LATENT, "a latent distribution",
      Role.INSTANCE_NOISE, "instance noise for D's inputs");

  private final SpecOptions options;
  private final PluginRegistry registry;

  ExperimentChecks(SpecOptions options) {
    this.options = options;
    this.registry = options.registry();
  }

  /** The data's shape once every check has passed; relative data paths are resolved against {@code folder}. */
  DataShape check(Path file, Path folder, Experiment e) throws ExperimentException {
    checkRoles(file, e);
    Backend backend = registry.backend(e.backend()).orElseThrow(() -> new ExperimentException(file, "backend",
        "unknown backend '" + e.backend() + "'; known: " + String.join(", ", registry.backendNames())));
    DataShape data = describe(file, folder, e);
    int[] shape = data.shape();
    int[] produced = e.generator().outputShape(shape);
    if (!Arrays.equals(produced, shape)) {
      throw new ExperimentException(file, Role.GENERATOR.key(), "produces " + DataShape.format(produced)
          + " samples but the dataset's examples are " + DataShape.format(shape) + "; change the generator's size options");
    }
    int[] accepted = e.discriminator().inputShape(shape);
    if (!Arrays.equals(accepted, shape)) {
      throw new ExperimentException(file, Role.DISCRIMINATOR.key(), "cannot take " + DataShape.format(shape)
          + " examples (it accepts " + DataShape.format(accepted) + "); change the discriminator's size options");
    }
    if (e.generator().conditional() && data.numClasses() == 0) {
      throw new ExperimentException(file, Role.GENERATOR.key() + ".conditional", "needs a labelled dataset; this one has no labels");
    }
    if (e.discriminator().conditional() && data.numClasses() == 0) {
      throw new ExperimentException(file, Role.DISCRIMINATOR.key() + ".conditional", "needs a labelled dataset; this one has no labels");
    }
    int pack = e.discriminator().pack();
    if (pack > 1 && e.training().batchSize() % pack != 0) {
      throw new ExperimentException(file, Role.DISCRIMINATOR.key() + ".pack", pack + " does not divide training.batch-size "
          + e.training().batchSize() + "; D judges packs of " + pack + " samples, so use a batch size that is a multiple of it");
    }
    for (Problem problem : backend.check(e)) {
      throw new ExperimentException(file, problem.path(), problem.message());
    }
    return data;
  }

  /** Every spec fits the role it fills ({@link Role#accepts}); every required role is filled. */
  private void checkRoles(Path file, Experiment e) throws ExperimentException {
    for (Role role : Role.values()) {
      List<PluginSpec> specs = role.specs(e);
      for (int i = 0; i < specs.size(); i++) {
        if (!role.accepts(specs.get(i))) {
          throw new ExperimentException(file, role.path(i), misplaced(role, specs.get(i)));
        }
      }
    }
    for (Role missing : Role.missing(e)) {
      throw new ExperimentException(file, missing.key(), "missing; name a " + missing.kind().id() + " type: "
          + String.join(", ", registry.names(missing.kind())));
    }
  }

  /** "'instance' is instance noise for D's inputs, not a latent distribution (put it under instance-noise:); latent types: ...". */
  private String misplaced(Role role, PluginSpec spec) {
    String name = registry.ofClass(spec.getClass()).map(PluginType::name).orElse(spec.getClass().getSimpleName());
    StringBuilder sb = new StringBuilder("'" + name + "'");
    Role fits = null;
    for (Role other : Role.values()) {
      if (other != role && other.accepts(spec)) {
        fits = other;
        break;
      }
    }
    sb.append(fits == null ? " does not fit here" : " is " + holds(fits)).append(", not ").append(holds(role));
    if (fits != null) {
      sb.append(" (put it under ").append(fits.key()).append(":)");
    }
    List<String> types = options.typesFor(role).stream().map(PluginType::name).toList();
    return sb.append("; ").append(role.key()).append(" types: ").append(String.join(", ", types)).toString();
  }

  private static String holds(Role role) {
    return HOLDS.getOrDefault(role, "a " + role.kind().id() + " type");
  }

  private static DataShape describe(Path file, Path folder, Experiment e) throws ExperimentException {
    PluginContext context = PluginContext.at(folder);
    try {
      return e.dataset().describe(context);
    } catch (NoSuchFileException ex) {
      throw new ExperimentException(file, Role.DATASET.key(), "file not found: " + ex.getFile());
    } catch (InvalidOptionException ex) {
      Problem p = ex.toProblem(Role.DATASET.key());
      throw new ExperimentException(file, p.path(), p.message());
    } catch (IOException | RuntimeException ex) {
      throw new ExperimentException(file, Role.DATASET.key(), String.valueOf(ex.getMessage()));
    }
  }
}
