package dev.gantrack.djl.eval.classifier;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.djl.eval.extractor.MnistClassifierNetwork;
import dev.gantrack.djl.eval.extractor.Weights;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains {@link MnistClassifierNetwork} on digits with a held-out split: a seeded permutation puts
 * the last {@code holdout} examples aside; the rest train for {@code epochs} epochs of shuffled
 * batches with Adam and random shifts of up to 2 pixels; the held-out accuracy is measured at the
 * end. The same seed and data give the same weights on CPU.
 */
public final class ClassifierTraining {
  private static final int SHIFT = 2;
  private final ClassifierTrainingOptions options;

  public ClassifierTraining(ClassifierTrainingOptions options) {
    this.options = options;
  }

  /** What a training gave. */
  public record Result(double heldOutAccuracy, int heldOut, int trained, String sha256, Path weights) {
    /** One line for the user. */
    public String summary() {
      return String.format(Locale.ROOT, "held-out accuracy %.2f %% (%d digits; trained on %d); weights %s, SHA-256 %s",
          100 * heldOutAccuracy, heldOut, trained, weights, sha256);
    }
  }

  /** Trains on {@code data} (1×28×28 digits of 10 classes, finite) and writes the weights and their hash. */
  public Result train(DataSource data, PrintWriter out) throws IOException {
    DataShape shape = data.shape();
    int n = shape.size();
    int len = shape.exampleLength();
    float[] x = new float[n * len];
    int[] y = new int[n];
    data.examples(0, n, x, y);
    int[] order = permutation(n, new SplittableRandom(options.seed()));
    int trained = n - options.holdout();
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed((int) options.seed());
    SequentialBlock net = MnistClassifierNetwork.build();
    try (Model model = Model.newInstance("mnist-classifier", Device.cpu(), "PyTorch")) {
      model.setBlock(net);
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) options.learningRate())).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(MnistClassifierNetwork.INPUT);
        SplittableRandom shuffle = new SplittableRandom(options.seed() + 1);
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
          int[] batchOrder = permutation(trained, shuffle);
          double lossSum = 0;
          int batches = 0;
          for (int from = 0; from + options.batchSize() <= trained; from += options.batchSize()) {
            lossSum += step(trainer, x, y, order, batchOrder, from, shuffle);
            batches++;
          }
          out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f%n", epoch, options.epochs(), lossSum / Math.max(1, batches));
          out.flush();
        }
      }
      double accuracy = accuracy(net, model.getNDManager(), x, y, order, trained);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream dos = new DataOutputStream(bytes)) {
        net.saveParameters(dos);
      }
      String hash = Weights.write(bytes.toByteArray(), options.out());
      return new Result(accuracy, options.holdout(), trained, hash, options.out());
    }
  }

  /** One Adam step on a batch of shifted training digits; returns the batch's mean cross-entropy. */
  private double step(Trainer trainer, float[] x, int[] y, int[] order, int[] batchOrder, int from, SplittableRandom r) {
    int b = options.batchSize();
    int len = 28 * 28;
    float[] batch = new float[b * len];
    float[] labels = new float[b];
    for (int i = 0; i < b; i++) {
      int e = order[batchOrder[from + i]];
      shift(x, e * len, batch, i * len, r.nextInt(2 * SHIFT + 1) - SHIFT, r.nextInt(2 * SHIFT + 1) - SHIFT);
      labels[i] = y[e];
    }
    try (NDManager m = trainer.getManager().newSubManager()) {
      NDArray xs = m.create(batch, new Shape(b, 1, 28, 28));
      NDArray onehot = m.create(labels).toType(DataType.INT64, false).oneHot(MnistClassifierNetwork.CLASSES);
      double loss;
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDArray logits = trainer.forward(new NDList(xs)).singletonOrThrow();
        // cross-entropy written out: only array operands, so no scalar the backward pass reads is freed early
        NDArray ce = logits.logSoftmax(1).mul(onehot).sum(new int[] {1}).neg().mean();
        gc.backward(ce);
        loss = ce.getFloat();
      }
      trainer.step();
      return loss;
    }
  }

  /** Copies a 28×28 digit shifted by (dx, dy) pixels, filling with background (-1). */
  static void shift(float[] from, int fromBase, float[] to, int toBase, int dx, int dy) {
    for (int r = 0; r < 28; r++) {
      for (int c = 0; c < 28; c++) {
        int sr = r - dy;
        int sc = c - dx;
        to[toBase + r * 28 + c] = sr >= 0 && sr < 28 && sc >= 0 && sc < 28 ? from[fromBase + sr * 28 + sc] : -1f;
      }
    }
  }

  /** The share of held-out digits (positions {@code trained..n-1} of {@code order}) classified right. */
  static double accuracy(SequentialBlock net, NDManager manager, float[] x, int[] y, int[] order, int trained) {
    int len = 28 * 28;
    int n = order.length - trained;
    int right = 0;
    ParameterStore ps = new ParameterStore(manager, false);
    for (int from = 0; from < n; from += 500) {
      int b = Math.min(500, n - from);
      float[] batch = new float[b * len];
      for (int i = 0; i < b; i++) {
        System.arraycopy(x, order[trained + from + i] * len, batch, i * len, len);
      }
      try (NDManager m = manager.newSubManager()) {
        long[] predicted = net.forward(ps, new NDList(m.create(batch, new Shape(b, 1, 28, 28))), false)
            .singletonOrThrow().argMax(1).toLongArray();
        for (int i = 0; i < b; i++) {
          right += predicted[i] == y[order[trained + from + i]] ? 1 : 0;
        }
      }
    }
    return (double) right / n;
  }

  /** A random permutation of 0..n-1 (Fisher–Yates). */
  static int[] permutation(int n, SplittableRandom r) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
