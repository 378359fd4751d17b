package dev.gantrack.djl.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.gantrack.api.Role;
import dev.gantrack.djl.spi.NetworkContext;
import dev.gantrack.djl.spi.WeightTransform;
import dev.gantrack.djl.train.DefaultLayerFactory;
import dev.gantrack.djl.train.GanModel;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes and restores the run's networks: {@code G-<name>.params}, {@code D-<name>.params} (with
 * BatchNorm statistics), {@code G-ema-<name>.params} when there is an EMA copy, and the weight
 * transforms' state (spectral norm's u) as {@code G-<name>.sn} / {@code D-<name>.sn}. Each file is
 * written under a temporary name and renamed. Restoring copies values into the live arrays in place,
 * so optimizers, the EMA copy and transforms keep their references. Optimizer state is not included.
 */
@Singleton
public final class Checkpoints {
  private final GanModel model;
  private final NDManager manager;

  @Inject
  Checkpoints(GanModel model, NDManager manager) {
    this.model = model;
    this.manager = manager;
  }

  /** Writes the checkpoint {@code name} into {@code dir}. */
  public void save(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    save(model.generator(), dir.resolve("G-" + name + ".params"));
    save(model.discriminator(), dir.resolve("D-" + name + ".params"));
    if (model.emaGenerator() != null) {
      save(model.emaGenerator(), dir.resolve("G-ema-" + name + ".params"));
    }
    saveState(model.generatorTransforms(), dir.resolve("G-" + name + ".sn"));
    saveState(model.discriminatorTransforms(), dir.resolve("D-" + name + ".sn"));
  }

  /** Restores the checkpoint {@code name} from {@code dir} into the live networks. */
  public void restore(Path dir, String name) throws IOException {
    try (NDScope scope = new NDScope(); NDManager scratch = manager.newSubManager()) {
      scope.suppressNotUsedWarning();
      restoreParameters(model.generator(), NetworkContext.Role.GENERATOR, scratch, dir.resolve("G-" + name + ".params"));
      restoreParameters(model.discriminator(), NetworkContext.Role.DISCRIMINATOR, scratch,
          dir.resolve("D-" + name + ".params"));
      Path ema = dir.resolve("G-ema-" + name + ".params");
      if (model.emaGenerator() != null && Files.exists(ema)) {
        restoreParameters(model.emaGenerator(), NetworkContext.Role.GENERATOR, scratch, ema);
      }
      restoreState(model.generatorTransforms(), scratch, dir.resolve("G-" + name + ".sn"));
      restoreState(model.discriminatorTransforms(), scratch, dir.resolve("D-" + name + ".sn"));
    }
  }

  /** Weight-transform state written by {@link #save}, as saved (each array named after its parameter). */
  public static NDList loadState(NDManager manager, Path file) throws IOException {
    return NDList.decode(manager, Files.readAllBytes(file));
  }

  private static void saveState(Map<String, WeightTransform> transforms, Path file) throws IOException {
    if (transforms.isEmpty()) {
      return;
    }
    try (NDList all = new NDList()) {
      for (Map.Entry<String, WeightTransform> e : transforms.entrySet()) {
        for (NDArray a : e.getValue().state()) {
          NDArray named = a.duplicate();
          named.setName(e.getKey());
          all.add(named);
        }
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, all.encode());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Loads {@code file} into a scratch copy of the network and copies every parameter into {@code live}. */
  private void restoreParameters(Block live, NetworkContext.Role role, NDManager scratch, Path file) throws IOException {
    Block copy = model.build(role, scratch, new DefaultLayerFactory());
    try (InputStream in = Files.newInputStream(file);
        DataInputStream dis = new DataInputStream(new BufferedInputStream(in))) {
      copy.loadParameters(scratch, dis);
    } catch (MalformedModelException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<Parameter> to = new ArrayList<>(live.getParameters().values());
    List<Parameter> from = new ArrayList<>(copy.getParameters().values());
    if (to.size() != from.size()) {
      throw new IOException(file + " holds " + from.size() + " parameters; the network has " + to.size());
    }
    for (int i = 0; i < to.size(); i++) {
      copyInto(to.get(i).getArray(), from.get(i).getArray(), file);
    }
  }

  private static void restoreState(Map<String, WeightTransform> transforms, NDManager scratch, Path file)
      throws IOException {
    if (transforms.isEmpty()) {
      return;
    }
    NDList saved = loadState(scratch, file);
    int next = 0;
    for (Map.Entry<String, WeightTransform> e : transforms.entrySet()) {
      for (NDArray target : e.getValue().state()) {
        if (next >= saved.size() || !e.getKey().equals(saved.get(next).getName())) {
          throw new IOException(file + " does not hold the state of " + e.getKey());
        }
        copyInto(target, saved.get(next++), file);
      }
    }
  }

  private static void copyInto(NDArray target, NDArray value, Path file) throws IOException {
    if (!target.getShape().equals(value.getShape())) {
      throw new IOException(file + ": shape " + value.getShape() + " does not match " + target.getShape());
    }
    target.set(new NDIndex(":"), value.toType(target.getDataType(), false));
  }

  private static void save(Block block, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp); DataOutputStream dos = new DataOutputStream(out)) {
      block.saveParameters(dos);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
