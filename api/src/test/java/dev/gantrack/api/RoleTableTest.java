package dev.gantrack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantrack.api.spec.NoiseSpec;
import dev.gantrack.api.spec.PluginSpec;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The role table and the experiment model cannot drift apart: same roles, same keys, same kinds, same order. */
class RoleTableTest {
  /** The experiment's fields that hold plugins, by their key in files, with the spec type they hold. */
  static Map<String, Class<?>> pluginFields() {
    Map<String, Class<?>> out = new LinkedHashMap<>();
    for (RecordComponent c : Experiment.class.getRecordComponents()) {
      Class<?> type = c.getType();
      if (List.class.isAssignableFrom(type)) {
        type = (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
      }
      if (PluginSpec.class.isAssignableFrom(type)) {
        out.put(c.getAccessor().getAnnotation(JsonProperty.class).value(), type);
      }
    }
    return out;
  }

  @Test
  void everyPluginFieldOfTheExperimentIsARoleOfTheSameKeyKindAndOrder() {
    Map<String, Class<?>> fields = pluginFields();
    assertEquals(List.copyOf(fields.keySet()), List.of(Role.values()).stream().map(Role::key).toList());
    for (Role role : Role.values()) {
      assertEquals(role.kind().specType(), fields.get(role.key()), role.key());
    }
  }

  @Test
  void listRolesAreTheExperimentsListFields() {
    for (RecordComponent c : Experiment.class.getRecordComponents()) {
      Role.ofKey(c.getAccessor().getAnnotation(JsonProperty.class).value())
          .ifPresent(r -> assertEquals(List.class.isAssignableFrom(c.getType()), r.list(), r.key()));
    }
  }

  /** A noise type: a latent distribution or instance noise. */
  record Noise(boolean latent) implements NoiseSpec {}

  @Test
  void latentAcceptsOnlyLatentDistributionsAndInstanceNoiseOnlyInstanceNoise() {
    assertTrue(Role.LATENT.accepts(new Noise(true)));
    assertFalse(Role.LATENT.accepts(new Noise(false)));
    assertTrue(Role.INSTANCE_NOISE.accepts(new Noise(false)));
    assertFalse(Role.INSTANCE_NOISE.accepts(new Noise(true)));
    assertFalse(Role.LOSS.accepts(new Noise(true)), "a spec of another kind fills no role but its own");
  }

  @Test
  void missingListsTheRequiredRolesLeftEmptyInTableOrder() {
    Experiment e = new Experiment("x", null, null, null, 1L, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null);
    assertEquals(List.of(Role.DATASET, Role.GENERATOR, Role.DISCRIMINATOR, Role.LOSS, Role.LABEL_SMOOTHING, Role.LATENT,
        Role.TTUR), Role.missing(e));
    assertEquals("metrics.2", Role.METRICS.path(2));
    assertEquals("loss", Role.LOSS.path(0));
  }
}
