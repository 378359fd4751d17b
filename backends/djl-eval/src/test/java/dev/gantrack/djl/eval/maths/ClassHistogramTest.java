package dev.gantrack.djl.eval.maths;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Class coverage and its KL to uniform, against hand computation. */
class ClassHistogramTest {
  @Test
  void countsClassesAndConfidentPredictionsAndTheKlToUniform() {
    ClassHistogram h = new ClassHistogram(4);
    h.add(0, true);
    h.add(0, true);
    h.add(0, false);
    h.add(1, false);
    h.add(2, true);
    h.add(2, true);
    assertEquals(3, h.seen());
    assertEquals(2, h.seenConfidently());
    assertEquals(4.0 / 6, h.confidentShare(), 1e-12);
    // q = (3/6, 1/6, 2/6, 0); KL(q ‖ 1/4) = Σ q ln(4q)
    double kl = 0.5 * Math.log(4 * 0.5) + (1.0 / 6) * Math.log(4.0 / 6) + (2.0 / 6) * Math.log(8.0 / 6);
    assertEquals(kl, h.klToUniform(), 1e-12);
  }

  @Test
  void anEvenSpreadIsZeroAndOneClassIsLnK() {
    ClassHistogram even = new ClassHistogram(10);
    ClassHistogram one = new ClassHistogram(10);
    for (int i = 0; i < 100; i++) {
      even.add(i % 10, true);
      one.add(7, true);
    }
    assertEquals(0, even.klToUniform(), 1e-12);
    assertEquals(Math.log(10), one.klToUniform(), 1e-12);
    assertEquals(1, one.seen());
  }
}
