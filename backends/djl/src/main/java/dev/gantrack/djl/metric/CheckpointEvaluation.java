package dev.gantrack.djl.metric;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import com.google.inject.Inject;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.run.Evaluation;
import dev.gantrack.djl.checkpoint.Checkpoints;
import dev.gantrack.djl.sample.Sampler;
import dev.gantrack.djl.spi.run.GanNetworks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * A finished run's generator restored from one of its checkpoints, with the run's metrics and
 * sampler, for {@code gantrack eval} and {@code gantrack sample}. Gradient recording is off while it
 * is open. Closing it closes the metrics, the feature extractor and the run's memory.
 */
public final class CheckpointEvaluation implements Evaluation {
  private static final int CHUNK = 512;
  private final Checkpoints checkpoints;
  private final GanNetworks networks;
  private final Sampler sampler;
  private final RunMetrics metrics;
  private final NDManager manager;
  private final int exampleLength;
  private final boolean gradModeBefore;

  @Inject
  CheckpointEvaluation(Checkpoints checkpoints, GanNetworks networks, Sampler sampler, RunMetrics metrics,
      NDManager manager, DataShape shape) {
    this.checkpoints = checkpoints;
    this.networks = networks;
    this.sampler = sampler;
    this.metrics = metrics;
    this.manager = manager;
    this.exampleLength = shape.exampleLength();
    this.gradModeBefore = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
  }

  @Override
  public long restore(Path checkpoint) throws IOException {
    return checkpoints.restore(checkpoint);
  }

  @Override
  public String generator() {
    return networks.emaGenerator() != null ? "G's EMA copy" : "G";
  }

  @Override
  public Map<String, Double> evaluate(long step, boolean grid, DoubleConsumer progress) throws IOException {
    Map<String, Double> values = new LinkedHashMap<>();
    int n = metrics.size();
    double[] best = {0};
    for (int i = 0; i < n; i++) {
      int done = i;
      values.putAll(metrics.evaluate(i, step, grid, f -> {
        best[0] = Math.max(best[0], (done + f) / n);
        progress.accept(best[0]);
      }));
    }
    progress.accept(1);
    return values;
  }

  @Override
  public Map<String, String> provenance() {
    return metrics.provenance();
  }

  @Override
  public float[] sample(int n, long seed) {
    Engine.getEngine("PyTorch").setRandomSeed((int) seed);
    JniUtils.setSeed(seed);
    SplittableRandom labels = new SplittableRandom(seed);
    float[] out = new float[n * exampleLength];
    for (int done = 0; done < n; ) {
      int b = Math.min(CHUNK, n - done);
      try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
        scope.suppressNotUsedWarning();
        float[] part = sampler.draw(m, b, labels).x().toFloatArray();
        System.arraycopy(part, 0, out, done * exampleLength, part.length);
      }
      done += b;
    }
    return out;
  }

  @Override
  public byte[] picture(float[] samples, int columns) {
    return sampler.picture(samples, columns).bytes();
  }

  @Override
  public void close() {
    try {
      metrics.close();
    } finally {
      manager.close();
      JniUtils.setGradMode(gradModeBefore);
    }
  }
}
