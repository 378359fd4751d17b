package dev.gantrack.djl.eval.maths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LPIPS-style distance against hand computation: unit-normalised channels, squared difference, spatial mean, layer mean. */
class PerceptualDistanceTest {
  @Test
  void itIsTheMeanOverLayersOfTheSpatialMeanOfSquaredDifferencesOfUnitChannelVectors() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      // layer 1: (N=2, C=2, H=1, W=2); layer 2: (N=2, D=2)
      NDArray a1 = m.create(new float[] {3, 0, 4, 1, 1, 1, 1, 1}, new Shape(2, 2, 1, 2));
      NDArray b1 = m.create(new float[] {3, 0, 4, 1, 1, 1, 1, 1}, new Shape(2, 2, 1, 2));
      NDArray a2 = m.create(new float[] {1, 0, 0, 2}, new Shape(2, 2));
      NDArray b2 = m.create(new float[] {0, 1, 0, 5}, new Shape(2, 2));
      float[] d = PerceptualDistance.perPair(List.of(a1, a2), List.of(b1, b2)).toFloatArray();
      // layer 1 identical: 0; layer 2: pair 0 (1,0) vs (0,1): squared distance 2; pair 1 (0,1) vs (0,1): 0
      assertArrayEquals(new float[] {1f, 0f}, d, 1e-6f);
    }
  }
}
