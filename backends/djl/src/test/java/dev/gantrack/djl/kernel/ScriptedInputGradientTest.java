package dev.gantrack.djl.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The scripted torch.autograd.grad matches hand derivatives, keeps a graph, and leaves .grad of leaves alone. */
class ScriptedInputGradientTest {

  @Test
  void gradientOfCubicSumMatchesHandDerivativeAndLeavesWeightGradUntouched() throws Exception {
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager();
        ScriptedInputGradient grad = ScriptedInputGradient.load((PtNDManager) m)) {
      float[] xs = {0.5f, -1.25f, 2f};
      float wv = 1.5f;
      NDArray w = m.create(new float[] {wv});
      w.setRequiresGradient(true);
      NDArray x = m.create(xs);
      x.setRequiresGradient(true);
      try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray out = x.pow(3).mul(w).sum();
        NDArray g = grad.gradient(out, x);
        float[] got = g.toFloatArray();
        for (int i = 0; i < xs.length; i++) {
          assertEquals(3 * wv * xs[i] * xs[i], got[i], 1e-5, "d/dx_i of w*sum x^3");
        }
        assertArrayEquals(new float[] {0f}, w.getGradient().toFloatArray(), "w.grad untouched by the gradient pass");
        // second order: d/dw sum(g) = 3 sum x^2
        c.backward(g.sum());
      }
      double expected = 0;
      for (float v : xs) {
        expected += 3.0 * v * v;
      }
      assertEquals(expected, w.getGradient().getFloat(0), 1e-4, "d/dw of sum(3 w x^2)");
    }
  }
}
