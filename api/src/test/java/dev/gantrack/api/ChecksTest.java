package dev.gantrack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks return values or name the option; recording them yields each option's declared rule. */
class ChecksTest {
  /** A spec-like constructor: one check per option. */
  static Object construct(Integer steps, Double lr, String norm, String images) {
    Checks.range("steps", steps, 10, 1, 100);
    Checks.optionalRange("lr", lr, 0.0, 1.0);
    Checks.oneOf("norm", norm, "batch", List.of("batch", "none"));
    Checks.required("images", images);
    return "built";
  }

  @Test
  void anOutOfRangeValueNamesTheOptionAndTheRange() {
    InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> construct(0, null, null, "x"));
    assertEquals("steps", e.option());
    assertEquals("0 is out of range; allowed 1 to 100", e.problem());
    assertEquals(Problem.at("training.steps", "0 is out of range; allowed 1 to 100"), e.toProblem("training"));
    assertEquals("lr", assertThrows(InvalidOptionException.class, () -> construct(null, 2.0, null, "x")).option());
    assertEquals("norm", assertThrows(InvalidOptionException.class, () -> construct(null, null, "x", "x")).option());
  }

  @Test
  void recordingYieldsEveryCheckedOptionsRuleInCallOrder() {
    List<OptionRule> rules = new ArrayList<>();
    assertEquals("built", Checks.recording(() -> construct(null, null, null, "x"), rules));
    assertEquals(List.of("steps", "lr", "norm", "images"), rules.stream().map(OptionRule::option).toList());
    assertEquals(new OptionRule("steps", 1, 100, true, List.of(), 10, false), rules.get(0));
    assertEquals(new OptionRule("lr", 0.0, 1.0, false, List.of(), null, false), rules.get(1));
    assertEquals(List.of("batch", "none"), rules.get(2).allowed());
    assertEquals("batch", rules.get(2).defaultValue());
    assertTrue(rules.get(3).required());
  }

  @Test
  void aRequiredOptionLeftOutIsRecordedBeforeTheConstructionFails() {
    List<OptionRule> rules = new ArrayList<>();
    InvalidOptionException e = assertThrows(InvalidOptionException.class,
        () -> Checks.recording(() -> construct(null, null, null, null), rules));
    assertEquals("images: required", e.getMessage());
    assertTrue(rules.get(rules.size() - 1).required());
  }

  @Test
  void checksOutsideARecordingRecordNothingAndRecordingsNest() {
    construct(null, null, null, "x");
    List<OptionRule> outer = new ArrayList<>();
    List<OptionRule> inner = new ArrayList<>();
    Checks.recording(() -> {
      Checks.range("a", (Integer) null, 1, 0, 2);
      return Checks.recording(() -> Checks.range("b", (Integer) null, 1, 0, 2), inner);
    }, outer);
    assertEquals(List.of("b"), inner.stream().map(OptionRule::option).toList());
    assertEquals(List.of("a", "b"), outer.stream().map(OptionRule::option).toList());
  }

  @Test
  void aProblemUnderAPrefixJoinsThePaths() {
    assertEquals("ttur.generator.lr", Problem.at("generator.lr", "m").under("ttur").path());
    assertEquals("dataset", Problem.at("", "m").under("dataset").path());
    assertEquals("loss: m", Problem.at("loss", "m").toString());
  }
}
