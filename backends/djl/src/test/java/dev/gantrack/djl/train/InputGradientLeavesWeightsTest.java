package dev.gantrack.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.gantrack.api.Experiment;
import dev.gantrack.djl.builtins.network.MlpDiscriminator;
import dev.gantrack.djl.builtins.network.MlpGenerator;
import dev.gantrack.djl.train.MemoryStaysFlatTest.NoiseData;
import org.junit.jupiter.api.Test;

/**
 * The trainer's d(sum D(x))/dx matches central differences of D, writes nothing into D's weight
 * gradients (only the D update's final backward pass counts), and keeps a graph to D's weights.
 */
class InputGradientLeavesWeightsTest {

  @Test
  void inputGradientMatchesDifferencesAndLeavesWeightGradientsZero() {
    NoiseData data = new NoiseData(new int[] {2});
    Experiment e = MemoryStaysFlatTest.experiment(data, new MlpGenerator(8, 16, 2, null, null, null, "linear", null),
        new MlpDiscriminator(16, 2, "none", null, null, null));
    try (TestRun trainer = TestRun.of(e, data); NDManager m = trainer.manager().newSubManager()) {
      int n = 5;
      float[] xs = new float[n * 2];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = (float) Math.sin(1.7 * i + 0.3);
      }
      NDArray g;
      try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
        g = trainer.gradientOfDiscriminator(m.create(xs, new Shape(n, 2)), null);
        for (Pair<String, Parameter> p : trainer.discriminator().getParameters()) {
          NDArray grad = p.getValue().getArray().getGradient();
          assertEquals(0f, grad.abs().max().getFloat(), "gradient of " + p.getKey() + " after the input-gradient pass");
        }
        c.backward(g.square().sum());
      }
      double weightGrad = 0;
      for (Pair<String, Parameter> p : trainer.discriminator().getParameters()) {
        weightGrad += p.getValue().getArray().getGradient().abs().sum().getFloat();
      }
      assertTrue(weightGrad > 0, "the gradient keeps a graph to D's weights");

      float[] got = g.toFloatArray();
      double h = 1e-3;
      ParameterStore store = new ParameterStore(m, false);
      for (int j = 0; j < 2; j++) {
        float[] up = xs.clone();
        float[] down = xs.clone();
        for (int i = 0; i < n; i++) {
          up[i * 2 + j] += (float) h;
          down[i * 2 + j] -= (float) h;
        }
        float[] dUp = trainer.discriminator().forward(store, new NDList(m.create(up, new Shape(n, 2))), false)
            .singletonOrThrow().toFloatArray();
        float[] dDown = trainer.discriminator().forward(store, new NDList(m.create(down, new Shape(n, 2))), false)
            .singletonOrThrow().toFloatArray();
        for (int i = 0; i < n; i++) {
          double fd = (dUp[i] - dDown[i]) / (2 * h);
          assertEquals(fd, got[i * 2 + j], 1e-3 + 1e-2 * Math.abs(fd), "dD(x_" + i + ")/dx_" + i + j);
        }
      }
    }
  }
}
