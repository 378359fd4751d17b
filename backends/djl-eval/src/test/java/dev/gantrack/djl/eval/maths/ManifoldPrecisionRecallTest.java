package dev.gantrack.djl.eval.maths;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Improved precision and recall: 1 for identical sets, 0 for disjoint ones, and scikit-learn's k-NN on random data. */
class ManifoldPrecisionRecallTest {
  private static NDManager manager;

  @BeforeAll
  static void engine() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static float[] cloud(Random r, int n, int d, double shift, double scale) {
    float[] v = new float[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() * scale + shift);
    }
    return v;
  }

  private static NDArray array(float[] v, int d) {
    return manager.create(v, new Shape(v.length / d, d));
  }

  @Test
  void identicalSetsHavePrecisionAndRecallOne() {
    float[] x = cloud(new Random(1), 2500, 16, 0, 1);
    ManifoldPrecisionRecall.Result r = ManifoldPrecisionRecall.of(array(x, 16), array(x, 16), 3);
    assertEquals(1, r.precision(), 0);
    assertEquals(1, r.recall(), 0);
  }

  @Test
  void disjointSetsHavePrecisionAndRecallZero() {
    Random r = new Random(2);
    ManifoldPrecisionRecall.Result pr = ManifoldPrecisionRecall.of(array(cloud(r, 1500, 8, 0, 1), 8),
        array(cloud(r, 1500, 8, 100, 1), 8), 3);
    assertEquals(0, pr.precision(), 0);
    assertEquals(0, pr.recall(), 0);
  }

  @Test
  void aGeneratorThatCoversHalfTheDataHasRecallNearAHalfAndHighPrecision() {
    // real: two far-apart clusters; generated: only the first
    Random r = new Random(3);
    float[] a = cloud(r, 1000, 4, 0, 1);
    float[] b = cloud(r, 1000, 4, 50, 1);
    float[] real = new float[a.length + b.length];
    System.arraycopy(a, 0, real, 0, a.length);
    System.arraycopy(b, 0, real, a.length, b.length);
    ManifoldPrecisionRecall.Result pr = ManifoldPrecisionRecall.of(array(real, 4), array(cloud(r, 1000, 4, 0, 1), 4), 3);
    // a sample of the same distribution falls outside the k-NN balls in the tails: about 5 % in 4-D with k = 3
    assertEquals(0.95, pr.precision(), 0.04);
    assertEquals(0.95 * 0.5, pr.recall(), 0.03);
  }

  @Test
  void precisionAndRecallMatchScikitLearnsNearestNeighbours() {
    Random r = new Random(4);
    int d = 5;
    float[] real = cloud(r, 1200, d, 0, 1);
    float[] fake = cloud(r, 1300, d, 0.4, 0.8);
    ManifoldPrecisionRecall.Result ours = ManifoldPrecisionRecall.of(array(real, d), array(fake, d), 3);
    ObjectNode job = Reference.job("prc");
    Reference.matrix(job, "real", doubles(real), d);
    Reference.matrix(job, "fake", doubles(fake), d);
    job.put("k", 3);
    JsonNode sklearn = Reference.run(job);
    // float32 distances against float64 ones: a point right on a ball's edge may fall either way
    assertEquals(sklearn.get(0).asDouble(), ours.precision(), 2.0 / 1300, "scikit-learn precision");
    assertEquals(sklearn.get(1).asDouble(), ours.recall(), 2.0 / 1200, "scikit-learn recall");
  }

  private static double[] doubles(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
