package dev.gantrack.djl.builtins.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantrack.api.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options of the TTUR specs: per-optimizer defaults, rejection of options that do not apply, the preset. */
class OptimizerOptionsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static OptimizerOptions raw(Map<String, Object> m) {
    return JSON.convertValue(m, OptimizerOptions.class);
  }

  static String error(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void separateDefaultsToDcganAdamForBoth() {
    SeparateOptimizers s = new SeparateOptimizers(null, null, null);
    for (OptimizerOptions o : new OptimizerOptions[] {s.generator(), s.discriminator()}) {
      assertEquals("adam", o.optimizer());
      assertEquals(2e-4, o.lr());
      assertEquals(0.5, o.beta1());
      assertEquals(0.999, o.beta2());
      assertEquals("constant", o.schedule());
      assertNull(o.momentum(), "momentum does not apply to adam");
    }
    assertEquals(1, s.dSteps());
  }

  @Test
  void twoTimeScalePresetHasAFasterDiscriminatorAndEveryValueIsOverridable() {
    TwoTimeScale p = new TwoTimeScale(null, null, null);
    assertEquals(1e-4, p.generator().lr());
    assertEquals(4e-4, p.discriminator().lr());
    assertEquals(0.0, p.generator().beta1());
    assertEquals(0.9, p.discriminator().beta2());
    assertEquals(1, p.dSteps());
    TwoTimeScale o = new TwoTimeScale(raw(Map.of("lr", 2e-4)), raw(Map.of("beta1", 0.5, "schedule", "cosine")), 3);
    assertEquals(2e-4, o.generator().lr());
    assertEquals(0.0, o.generator().beta1(), "options not given keep the preset");
    assertEquals(0.9, o.generator().beta2());
    assertEquals(4e-4, o.discriminator().lr());
    assertEquals(0.5, o.discriminator().beta1());
    assertEquals("cosine", o.discriminator().schedule());
    assertEquals(3, o.dSteps());
    TwoTimeScale sgd = new TwoTimeScale(raw(Map.of("optimizer", "sgd", "momentum", 0.9)), null, null);
    assertEquals(1e-4, sgd.generator().lr(), "the preset's learning rate carries over to another optimizer");
    assertNull(sgd.generator().beta1(), "the preset's betas do not apply to sgd");
    assertEquals(0.9, sgd.generator().momentum());
  }

  @Test
  void optionsThatDoNotApplyAreRejectedNamingTheOption() {
    String e = error(() -> new SeparateOptimizers(raw(Map.of("optimizer", "sgd", "beta1", 0.9)), null, null));
    assertTrue(e.contains("beta1: does not apply to optimizer sgd"), e);
    e = error(() -> new TwoTimeScale(null, raw(Map.of("momentum", 0.9)), null));
    assertTrue(e.startsWith("discriminator.momentum: does not apply to optimizer adam"), e);
    e = error(() -> new SeparateOptimizers(raw(Map.of("alpha", 0.9)), null, null));
    assertTrue(e.startsWith("generator.alpha:"), e);
    e = error(() -> new SeparateOptimizers(raw(Map.of("schedule", "cosine", "gamma", 0.5)), null, null));
    assertTrue(e.contains("gamma: does not apply to schedule cosine"), e);
    e = error(() -> new SeparateOptimizers(raw(Map.of("schedule", "step")), null, null));
    assertTrue(e.contains("step-size: required"), e);
    e = error(() -> new SeparateOptimizers(raw(Map.of("optimizer", "sgd", "nesterov", true)), null, null));
    assertTrue(e.contains("nesterov"), e);
    e = error(() -> new SeparateOptimizers(raw(Map.of("optimizer", "lion")), null, null));
    assertTrue(e.contains("allowed: adam, adamw, sgd, rmsprop"), e);
  }

  @Test
  void adamwDefaultsToTorchWeightDecayAndRmspropToTorchAlpha() {
    SeparateOptimizers s = new SeparateOptimizers(raw(Map.of("optimizer", "adamw")), raw(Map.of("optimizer", "rmsprop")), 2);
    assertEquals(0.01, s.generator().weightDecay());
    assertEquals(0.99, s.discriminator().alpha());
    assertEquals(false, s.discriminator().centered());
    assertEquals(0.0, s.discriminator().momentum());
    assertEquals(1e-8, s.discriminator().epsilon());
  }

  @Test
  void aWarmupNotShorterThanTheRunIsAProblemBeforeTraining() {
    SeparateOptimizers s = new SeparateOptimizers(raw(Map.of("warmup", 100)), raw(Map.of("warmup", 150)), 2);
    assertEquals(List.of(), s.check(100, 150), "a warm-up may last the whole run");
    List<Problem> problems = s.check(99, 149);
    assertEquals(2, problems.size(), problems.toString());
    assertEquals("generator.warmup", problems.get(0).path(), problems.toString());
    assertTrue(problems.get(0).message().startsWith("100 updates"), problems.toString());
    assertEquals("discriminator.warmup", problems.get(1).path(), problems.toString());
    assertTrue(problems.get(1).message().startsWith("150 updates"), problems.toString());
  }

  @Test
  void resolvedOptionsRoundTripThroughJsonToAnEqualSpec() throws Exception {
    TwoTimeScale p = new TwoTimeScale(raw(Map.of("optimizer", "rmsprop", "centered", true)),
        raw(Map.of("schedule", "step", "step-size", 10, "warmup", 5)), 2);
    String json = JSON.writeValueAsString(p);
    assertEquals(p, JSON.readValue(json, TwoTimeScale.class), json);
    assertTrue(!json.contains("null"), "options that do not apply are left out: " + json);
  }
}
