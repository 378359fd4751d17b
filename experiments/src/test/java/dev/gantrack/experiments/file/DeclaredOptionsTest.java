package dev.gantrack.experiments.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantrack.api.Checks;
import dev.gantrack.api.GantrackPlugin;
import dev.gantrack.api.OptionRule;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.PluginType;
import dev.gantrack.api.spec.LossSpec;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A type declares its options by the checks its spec's constructor makes: constructed with nothing
 * set under {@link Checks#recording}, a failing {@link Checks#required} names a required option (of
 * any Java type), and the other checks give ranges, choices and defaults, nested groups included.
 */
class DeclaredOptionsTest {
  /** A test loss with two required options (one of them a number), a range and a choice. */
  public record CountedLoss(
      @JsonProperty("count") Integer count,
      @JsonProperty("path") String path,
      @JsonProperty("scale") Double scale,
      @JsonProperty("mode") String mode) implements LossSpec {
    public CountedLoss {
      count = Checks.required("count", count);
      path = Checks.required("path", path);
      scale = Checks.range("scale", scale, 1.5, 0.0, 10.0);
      mode = Checks.oneOf("mode", mode, "fast", List.of("fast", "exact"));
    }
  }

  private static final GantrackPlugin PLUGIN = new GantrackPlugin() {
    @Override
    public List<PluginType> types() {
      return List.of(PluginType.of(PluginKind.LOSS, "counted", CountedLoss.class, "test"));
    }
  };

  @Test
  void requiredOptionsOfAnyJavaTypeAreFoundByTheirRequiredCheck() {
    PluginRegistry registry = PluginRegistry.of(List.of(PLUGIN));
    SpecOptions options = new ExperimentLoader(registry).options();
    DeclaredOptions d = options.declared(registry.find(PluginKind.LOSS, "counted").orElseThrow());
    assertNotNull(d.instance(), "constructed with placeholders for the required options");
    assertTrue(d.required("count"), d.rules().toString());
    assertTrue(d.required("path"), d.rules().toString());
    assertFalse(d.required("scale"));
    assertNull(d.defaultValue("count"), "a required option has no default");
    assertEquals(1.5, d.defaultValue("scale").asDouble());
    assertEquals("fast", d.defaultValue("mode").asText());
    OptionRule scale = d.rule("scale").orElseThrow();
    assertEquals(0.0, scale.min().doubleValue());
    assertEquals(10.0, scale.max().doubleValue());
    assertEquals(List.of("fast", "exact"), d.rule("mode").orElseThrow().allowed());
  }

  @Test
  void aNestedGroupsRulesIncludeThoseOfEveryChoiceOfItsSelector() {
    PluginRegistry registry = PluginRegistry.discover(null);
    SpecOptions options = new ExperimentLoader(registry).options();
    DeclaredOptions separate = options.declared(registry.find(PluginKind.TTUR, "separate").orElseThrow());
    assertEquals(List.of("adam", "adamw", "sgd", "rmsprop"), separate.rule("generator.optimizer").orElseThrow().allowed());
    assertEquals("adam", separate.defaultValue("generator.optimizer").asText());
    assertEquals(10.0, separate.rule("generator.lr").orElseThrow().max().doubleValue());
    // momentum applies to sgd and rmsprop only: its range is declared by constructing with optimizer: sgd
    assertNull(separate.defaultValue("generator.momentum"), "adam, the default, has no momentum");
    assertEquals(0.9999, separate.rule("generator.momentum").orElseThrow().max().doubleValue());
    assertEquals(1, separate.rule("d-steps").orElseThrow().min().intValue());
    assertTrue(separate.rule("lr").isEmpty(), "a group's options are declared under the group's name only");
  }
}
