package dev.gantrack.experiments.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.experiments.TestFiles;
import dev.gantrack.experiments.plugin.PluginLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec's refusal is a value, never parsed: an {@link InvalidOptionException} is reported at its
 * option's path under the section, any other {@link IllegalArgumentException} at the section with
 * its message exactly as the spec wrote it (colons and all).
 */
class SpecRefusalTest {
  /** A test loss that refuses {@code weight} in one of two ways. */
  public record PickyLoss(@JsonProperty("weight") Double weight, @JsonProperty("plain") Boolean plain) implements LossSpec {
    public PickyLoss {
      if (weight != null && weight > 1) {
        if (Boolean.TRUE.equals(plain)) {
          throw new IllegalArgumentException("weight: " + weight + " is too heavy: keep it at most 1");
        }
        throw new InvalidOptionException("inner.weight", weight + " is too heavy; allowed 0 to 1");
      }
    }
  }

  @TempDir Path dir;

  private ExperimentException refused(String loss) throws Exception {
    List<GantrackPlugin> plugins = new ArrayList<>(PluginLoader.load(null));
    plugins.add(new GantrackPlugin() {
      @Override
      public List<PluginType> types() {
        return List.of(PluginType.of(PluginKind.LOSS, "picky", PickyLoss.class, "test"));
      }
    });
    ExperimentLoader loader = new ExperimentLoader(PluginRegistry.of(plugins));
    Path f = Files.writeString(dir.resolve("picky.yaml"), TestFiles.TINY_RING + "loss: " + loss + "\n");
    return assertThrows(ExperimentException.class, () -> loader.load(f, List.of()));
  }

  @Test
  void anInvalidOptionIsReportedAtItsOwnPathUnderTheSection() throws Exception {
    ExperimentException e = refused("{type: picky, weight: 2}");
    assertEquals("loss.inner.weight", e.field());
    assertEquals("2.0 is too heavy; allowed 0 to 1", e.problem());
  }

  @Test
  void anyOtherRefusalIsReportedAtTheSectionWithItsMessageAsItIs() throws Exception {
    ExperimentException e = refused("{type: picky, weight: 2, plain: true}");
    assertEquals("loss", e.field());
    assertEquals("weight: 2.0 is too heavy: keep it at most 1", e.problem());
  }
}
