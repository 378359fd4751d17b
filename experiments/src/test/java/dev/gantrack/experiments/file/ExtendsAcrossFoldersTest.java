package dev.gantrack.experiments.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base file's relative path options ({@code @FileOption}) keep pointing where the base meant when
 * a file in another folder extends it: they are rebased to the top file's folder, using the
 * section's effective type (the file's own, a base's, or the defaults').
 */
class ExtendsAcrossFoldersTest {
  private static ExperimentLoader loader;
  private static Path mnist;
  private static Path images;

  @TempDir Path dir;

  @BeforeAll
  static void registry() throws IOException {
    loader = new ExperimentLoader(PluginRegistry.discover(null));
    mnist = TestFiles.repo().resolve("experiments/mnist-dcgan.yaml").toRealPath();
    images = mnist.resolveSibling("data/mnist/mnist-10k-images-idx3-ubyte.gz");
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  /** The file a resolved path option names, read from the top file's folder as specs read it. */
  private static Path resolvedFile(Path top, JsonNode resolved, String pointer) {
    return top.toAbsolutePath().getParent().resolve(resolved.at(pointer).asText()).normalize();
  }

  @Test
  void aFileInAnotherFolderExtendsTheShippedMnistExperiment() throws Exception {
    Path child = write("mine/mnist-short.yaml", "extends: " + mnist + "\nname: short\ntraining: {steps: 5}\n");
    ExperimentLoader.Loaded l = loader.load(child, List.of());
    assertEquals(images, resolvedFile(child, l.resolved(), "/dataset/images"));
    assertEquals(mnist.resolveSibling("data/mnist/mnist-10k-labels-idx1-ubyte.gz"),
        resolvedFile(child, l.resolved(), "/dataset/labels"));
    assertFalse(Path.of(l.resolved().at("/dataset/images").asText()).isAbsolute(), "rebased paths stay relative");
    assertEquals(10, l.data().numClasses());
  }

  @Test
  void aBaseWithoutTypeIsRebasedByTheTypeItsOwnBaseGives() throws Exception {
    // middle.yaml (folder b) names labels but no type: the type idx comes from mnist-dcgan.yaml
    write("b/labels.gz", "not read: validation only describes the images");
    write("b/middle.yaml", "extends: " + mnist + "\ndataset: {labels: labels.gz}\n");
    Path top = write("c/top.yaml", "extends: ../b/middle.yaml\ndataset: {limit: 100}\n");
    Resolved t = resolve(top);
    assertEquals(dir.resolve("b/labels.gz").toRealPath(), t.file("/dataset/labels"));
    assertEquals(images, t.file("/dataset/images"));
    assertEquals(100, t.json.at("/dataset/limit").asInt());
  }

  @Test
  void aTrackersLogdirFromABaseInAnotherFolderIsRebasedAndAbsolutePathsAreKept() throws Exception {
    Path abs = dir.resolve("absolute-tb").toAbsolutePath();
    write("x/base.yaml", TestFiles.TINY_RING + "trackers:\n  - {type: tensorboard, logdir: tb}\n  - {type: tensorboard, logdir: "
        + abs + "}\n");
    Path top = write("y/child.yaml", "extends: ../x/base.yaml\n");
    Resolved t = resolve(top);
    assertEquals("../x/tb", t.json.at("/trackers/0/logdir").asText());
    assertEquals(abs.toString(), t.json.at("/trackers/1/logdir").asText());
  }

  @Test
  void theTopFilesOwnPathsAndOptionsThatAreNoPathsAreLeftAsWritten() throws Exception {
    write("x/base.yaml", TestFiles.TINY_RING.replace("name: ring", "name: data/not-a-path"));
    Path top = write("y/child.yaml", "extends: ../x/base.yaml\n"
        + "trackers:\n  - {type: tensorboard, logdir: mine}\n");
    Resolved t = resolve(top);
    assertEquals("mine", t.json.at("/trackers/0/logdir").asText());
    assertEquals("data/not-a-path", t.json.at("/name").asText());
  }

  /** The resolved tree (defaults and extends only, no binding), and the files its paths name. */
  private record Resolved(Path top, JsonNode json) {
    Path file(String pointer) throws IOException {
      return resolvedFile(top, json, pointer).toRealPath();
    }
  }

  private static Resolved resolve(Path top) throws ExperimentException {
    return new Resolved(top, new ExtendsChain(loader.options()).resolve(
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), top));
  }

  @Test
  void rebasedFilesValidateFromTheirNewFolder() throws Exception {
    Path child = write("deep/er/child.yaml", "extends: " + mnist + "\n");
    assertTrue(loader.load(child, List.of()).resolvedYaml().contains("mnist-10k-images-idx3-ubyte.gz"));
  }
}
