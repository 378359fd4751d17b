package dev.gantrack.djl.builtins.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.gantrack.djl.kernel.PtTensorKernels;
import dev.gantrack.djl.spi.DjlTturSpec;
import dev.gantrack.djl.spi.tensor.Scalars;
import dev.gantrack.djl.train.TestServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in multi-tensor optimizers against the per-tensor formulas gantrack used before them
 * ({@code PerTensor*}: one update per parameter), step by step over several parameters of different
 * shapes, with gradients of a non-quadratic loss and a learning rate that changes every update: the
 * parameters agree after every update, and both clear the gradients. And the same optimizers updating
 * from the loss itself against updating from the gradients of a backward pass.
 */
class MultiTensorOptimizersMatchPerTensorTest {
  private static final int STEPS = 10;
  private static final Shape[] SHAPES = {new Shape(4, 3, 2, 2), new Shape(5), new Shape(7, 3), new Shape(1)};

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("adam", OptimizersFollowPyTorchTest.options("optimizer", "adam", "lr", 0.02, "beta1", 0.5,
            "beta2", 0.999, "schedule", "linear", "final-lr", 0.1)),
        Arguments.of("adam with L2 decay", OptimizersFollowPyTorchTest.options("optimizer", "adam", "lr", 0.05,
            "beta1", 0.9, "beta2", 0.99, "epsilon", 1e-3, "weight-decay", 0.05, "warmup", 3)),
        Arguments.of("adamw", OptimizersFollowPyTorchTest.options("optimizer", "adamw", "lr", 0.03, "weight-decay", 0.1,
            "schedule", "cosine")),
        Arguments.of("sgd", OptimizersFollowPyTorchTest.options("optimizer", "sgd", "lr", 0.05, "weight-decay", 0.01)),
        Arguments.of("sgd momentum dampening", OptimizersFollowPyTorchTest.options("optimizer", "sgd", "lr", 0.05,
            "momentum", 0.9, "dampening", 0.3, "weight-decay", 0.02, "schedule", "step", "step-size", 3, "gamma", 0.5)),
        Arguments.of("sgd nesterov", OptimizersFollowPyTorchTest.options("optimizer", "sgd", "lr", 0.05, "momentum",
            0.8, "nesterov", true)),
        Arguments.of("rmsprop", OptimizersFollowPyTorchTest.options("optimizer", "rmsprop", "lr", 0.01, "alpha", 0.9,
            "epsilon", 1e-3)),
        Arguments.of("rmsprop centered momentum decay", OptimizersFollowPyTorchTest.options("optimizer", "rmsprop",
            "lr", 0.01, "alpha", 0.8, "epsilon", 1e-2, "momentum", 0.7, "centered", true, "weight-decay", 0.05,
            "schedule", "linear")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void multiTensorUpdateEqualsThePerTensorFormulasAtEveryStep(String name, OptimizerOptions options) {
    try (NDManager m = NDManager.newBaseManager("PyTorch"); PtTensorKernels kernels = new PtTensorKernels(m)) {
      List<Parameter> multi = parameters(m);
      List<Parameter> single = parameters(m);
      LearningRateSchedule schedule = new LearningRateSchedule(options, STEPS);
      DjlTturSpec.Optimizer bulk = TturOptimizers.create(options, multi, STEPS, TestServices.of(kernels));
      DjlTturSpec.Optimizer oracle = perTensor(options).apply(new Build(single, options, schedule, kernels));
      for (int t = 1; t <= STEPS; t++) {
        backward(multi);
        backward(single);
        bulk.update(t);
        oracle.update(t);
        double moved = 0;
        for (int i = 0; i < multi.size(); i++) {
          float[] a = multi.get(i).getArray().toFloatArray();
          float[] b = single.get(i).getArray().toFloatArray();
          for (int j = 0; j < a.length; j++) {
            assertEquals(b[j], a[j], 2e-6 * Math.max(1, Math.abs(b[j])), name + ": update " + t + ", parameter " + i
                + ", element " + j);
          }
          assertGradientCleared(multi.get(i), name + " update " + t);
          moved = Math.max(moved, maxDifference(a, values(i)));
        }
        assertTrue(moved > 1e-4, name + ": the parameters move (" + moved + ")");
      }
    }
  }

  /**
   * An update from the loss (gradients by torch.autograd.grad inside the update) lands on exactly the
   * parameters a backward pass and an update from .grad give, every step, and writes no .grad: a gradient
   * put there beforehand is unchanged afterwards, on the bound parameters and on a parameter of the loss
   * outside the bound list.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void updateFromTheLossEqualsBackwardThenUpdateBitForBitAndWritesNoGradient(String name, OptimizerOptions options) {
    try (NDManager m = NDManager.newBaseManager("PyTorch"); PtTensorKernels kernels = new PtTensorKernels(m)) {
      List<Parameter> fromGrad = parameters(m);
      List<Parameter> fromLoss = parameters(m);
      List<Parameter> lossWithOther = new ArrayList<>(fromLoss);
      lossWithOther.add(parameters(m).get(2)); // in the loss, not bound to the optimizer
      DjlTturSpec.Optimizer accumulated = TturOptimizers.create(options, fromGrad, STEPS, TestServices.of(kernels));
      DjlTturSpec.Optimizer direct = TturOptimizers.create(options, fromLoss, STEPS, TestServices.of(kernels));
      assertTrue(direct.updatesFromLoss(), name);
      backward(lossWithOther); // sentinel gradients the updates from the loss must leave alone
      List<float[]> sentinels = lossWithOther.stream().map(p -> gradientOf(p)).toList();
      for (int t = 1; t <= STEPS; t++) {
        backward(fromGrad);
        accumulated.update(t);
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          direct.updateFromLoss(loss(lossWithOther), t);
        }
        for (int i = 0; i < fromGrad.size(); i++) {
          assertArrayEquals(fromGrad.get(i).getArray().toFloatArray(), fromLoss.get(i).getArray().toFloatArray(),
              name + ": update " + t + ", parameter " + i);
        }
      }
      for (int i = 0; i < lossWithOther.size(); i++) {
        assertArrayEquals(sentinels.get(i), gradientOf(lossWithOther.get(i)), name + ": gradient " + i + " untouched");
      }
    }
  }

  private static float[] gradientOf(Parameter p) {
    try (NDArray g = p.getArray().getGradient()) {
      return g.toFloatArray();
    }
  }

  private record Build(List<Parameter> parameters, OptimizerOptions options, LearningRateSchedule schedule,
      PtTensorKernels kernels) {}

  private static Function<Build, DjlTturSpec.Optimizer> perTensor(OptimizerOptions o) {
    return switch (o.optimizer()) {
      case "adam", "adamw" -> b -> new PerTensorAdam(b.parameters, b.options, b.schedule, b.kernels);
      case "sgd" -> b -> new PerTensorSgd(b.parameters, b.options, b.schedule, b.kernels);
      default -> b -> new PerTensorRmsProp(b.parameters, b.options, b.schedule, b.kernels);
    };
  }

  /** Loss Σᵢ Σ (cᵢ·w³/3 + w²/2 + sin w): gradients that change with w and differ between parameters. */
  private static void backward(List<Parameter> parameters) {
    try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      scope.suppressNotUsedWarning();
      gc.backward(lossInCollector(parameters));
    }
  }

  /** The loss with its graph, recorded in a gradient collector that is closed again (no backward pass). */
  private static NDArray loss(List<Parameter> parameters) {
    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      return lossInCollector(parameters);
    }
  }

  private static NDArray lossInCollector(List<Parameter> parameters) {
    NDArray loss = null;
    for (int i = 0; i < parameters.size(); i++) {
      NDArray w = parameters.get(i).getArray();
      // numbers as arrays of the step (Scalars.of): the backward pass reads them
      NDArray term = w.pow(Scalars.of(w, 3)).mul(Scalars.of(w, 0.1 * ((i % SHAPES.length) + 1) / 3))
          .add(w.square().mul(Scalars.of(w, 0.5))).add(w.sin()).sum();
      loss = loss == null ? term : loss.add(term);
    }
    return loss;
  }

  private static float[] values(int i) {
    Random random = new Random(100 + i);
    float[] v = new float[(int) SHAPES[i].size()];
    for (int j = 0; j < v.length; j++) {
      v[j] = (float) random.nextGaussian();
    }
    return v;
  }

  private static List<Parameter> parameters(NDManager m) {
    List<Parameter> out = new ArrayList<>();
    for (int i = 0; i < SHAPES.length; i++) {
      NDArray a = m.create(values(i), SHAPES[i]);
      a.setRequiresGradient(true);
      Parameter p = Parameter.builder().setName("w" + i).setType(Parameter.Type.WEIGHT).build();
      p.setArray(a);
      out.add(p);
    }
    return out;
  }

  private static void assertGradientCleared(Parameter p, String what) {
    try (NDArray g = p.getArray().getGradient()) {
      for (float v : g.toFloatArray()) {
        assertEquals(0f, v, what + ": gradient cleared");
      }
    }
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
