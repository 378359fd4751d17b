package dev.gantrack.trackers.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlflowKeysTest {

  @Test
  void validKeysAreKeptAsTheyAre() {
    MlflowKeys keys = new MlflowKeys();
    for (String k : List.of("loss.type", "D/weights/conv0", "lr_d", "a b-c.d", "x".repeat(250))) {
      assertTrue(MlflowKeys.isValid(k), k);
      assertEquals(k, keys.map(k));
    }
    assertEquals(Map.of(), keys.renamed());
  }

  @Test
  void keysMlflowRefusesAreRenamedToValidOnesAndRemembered() {
    MlflowKeys keys = new MlflowKeys();
    Map<String, String> expected = Map.of(
        "loss.weights[0]:g", "loss.weights_0__g",
        "généré", "g_n_r_",
        "a//b", "a/_/b",
        "/abs", "_/abs",
        "dir/", "dir/_",
        "a/./b/../c", "a/_/b/__/c",
        "..hidden", "_..hidden",
        "", "_");
    expected.forEach((original, mlflow) -> {
      assertFalse(MlflowKeys.isValid(original), original);
      assertEquals(mlflow, keys.map(original), original);
      assertTrue(MlflowKeys.isValid(mlflow), mlflow);
    });
    assertEquals(expected, keys.renamed());
  }

  @Test
  void aTooLongKeyIsCutWithAHashSoThatDifferentLongKeysStayApart() {
    MlflowKeys keys = new MlflowKeys();
    String a = "penalty." + "x".repeat(300) + ".a";
    String b = "penalty." + "x".repeat(300) + ".b";
    String ka = keys.map(a);
    String kb = keys.map(b);
    assertEquals(250, ka.length());
    assertTrue(MlflowKeys.isValid(ka) && MlflowKeys.isValid(kb));
    assertNotEquals(ka, kb);
    assertEquals(ka, keys.map(a), "stable");
  }

  @Test
  void twoKeysThatSanitiseAlikeGetDifferentMlflowKeys() {
    MlflowKeys keys = new MlflowKeys();
    String first = keys.map("a:b");
    String second = keys.map("a;b");
    String third = keys.map("a_b");
    assertEquals("a_b", first);
    assertTrue(second.startsWith("a_b-") && MlflowKeys.isValid(second), second);
    assertTrue(third.startsWith("a_b-") && MlflowKeys.isValid(third), third);
    assertEquals(3, List.of(first, second, third).stream().distinct().count());
    assertEquals(3, keys.renamed().size());
  }

  @Test
  void longValuesAreCutToTheLimitInCodePointsWithANote() {
    String v = "é".repeat(7000) + "😀".repeat(10);
    String cut = MlflowKeys.truncate(v, MlflowKeys.MAX_PARAM_VALUE_LENGTH);
    assertEquals(6000, cut.codePointCount(0, cut.length()));
    assertTrue(cut.endsWith("7010 characters in all; the run folder has the full value]"), cut);
    assertEquals("short", MlflowKeys.truncate("short", 6000));
    String emoji = "😀".repeat(6001);
    String cutEmoji = MlflowKeys.truncate(emoji, 6000);
    assertFalse(Character.isHighSurrogate(cutEmoji.charAt(cutEmoji.indexOf(" ...") - 1)), "no split pair");
  }
}
