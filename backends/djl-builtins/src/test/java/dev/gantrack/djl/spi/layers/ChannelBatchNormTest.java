package dev.gantrack.djl.spi.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gantrack's batch norm against DJL's {@link BatchNorm} on axis 1, for images (N, C, H, W) and flat
 * features (N, C): training output, gradients of input, scale and shift, the running statistics after
 * several updates, the output in inference, and checkpoints written by either loading into the other.
 */
class ChannelBatchNormTest {
  @ParameterizedTest(name = "rank {0}")
  @ValueSource(ints = {2, 4})
  void matchesDjlBatchNormInTrainingInferenceGradientsAndRunningStatistics(int rank) throws Exception {
    Shape shape = rank == 4 ? new Shape(3, 5, 4, 4) : new Shape(6, 7);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Block ours = new ChannelBatchNorm();
      Block djl = BatchNorm.builder().build();
      ours.initialize(m, DataType.FLOAT32, shape);
      djl.initialize(m, DataType.FLOAT32, shape);
      // a non-trivial scale and shift, the same in both
      for (String p : List.of("gamma", "beta")) {
        NDArray v = m.randomNormal(new Shape(shape.get(1)));
        ours.getParameters().get(p).getArray().set(v.toFloatArray());
        djl.getParameters().get(p).getArray().set(v.toFloatArray());
      }
      ParameterStore store = new ParameterStore(m, false);
      for (int step = 0; step < 3; step++) {
        NDArray x = m.randomNormal(0, 2, shape, DataType.FLOAT32).add(step);
        float[][] a = trainingPass(ours, x, store);
        float[][] b = trainingPass(djl, x, store);
        for (int i = 0; i < a.length; i++) {
          assertArrayEquals(b[i], a[i], 1e-5f, "training pass " + step + ", result " + i);
        }
      }
      for (String p : List.of("runningMean", "runningVar")) {
        assertArrayEquals(djl.getParameters().get(p).getArray().toFloatArray(),
            ours.getParameters().get(p).getArray().toFloatArray(), 1e-5f, p);
      }
      NDArray x = m.randomNormal(shape);
      assertArrayEquals(djl.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray(),
          ours.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray(), 1e-5f, "inference");
      assertEquals(shape, ours.getOutputShapes(new Shape[] {shape})[0]);

      Block fromDjl = new ChannelBatchNorm();
      fromDjl.loadParameters(m, new DataInputStream(new ByteArrayInputStream(saved(djl))));
      Block fromOurs = BatchNorm.builder().build();
      fromOurs.loadParameters(m, new DataInputStream(new ByteArrayInputStream(saved(ours))));
      for (Parameter p : djl.getParameters().values()) {
        float[] expected = p.getArray().toFloatArray();
        assertArrayEquals(expected, fromDjl.getParameters().get(p.getName()).getArray().toFloatArray(), p.getName());
        assertArrayEquals(expected, fromOurs.getParameters().get(p.getName()).getArray().toFloatArray(), p.getName());
      }
    }
  }

  /** Output, dL/dx, dL/dgamma, dL/dbeta of a training pass with loss sum(y·r) for a fixed r. */
  private static float[][] trainingPass(Block block, NDArray x0, ParameterStore store) {
    NDArray x = x0.duplicate();
    x.setRequiresGradient(true);
    NDArray r = x.getManager().arange((float) x.getShape().size()).reshape(x.getShape()).sin();
    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray y = block.forward(store, new NDList(x), true).singletonOrThrow();
      gc.backward(y.mul(r).sum());
      float[][] out = {y.toFloatArray(), x.getGradient().toFloatArray(),
          block.getParameters().get("gamma").getArray().getGradient().toFloatArray(),
          block.getParameters().get("beta").getArray().getGradient().toFloatArray()};
      block.getParameters().get("gamma").getArray().getGradient().muli(0);
      block.getParameters().get("beta").getArray().getGradient().muli(0);
      return out;
    }
  }

  private static byte[] saved(Block block) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    block.saveParameters(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
