package dev.gantrack.djl.builtins.loss;

/** Binary cross-entropy on a logit and its derivative, in plain doubles, for hand-derived expectations. */
final class BceInDoubles {
  private BceInDoubles() {}

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** −t·log σ(x) − (1 − t)·log(1 − σ(x)), written stably as max(x, 0) + log(1 + e^−|x|) − x·t. */
  static double bce(double x, double t) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))) - x * t;
  }

  /** d bce(x, t) / dx = σ(x) − t. */
  static double bceSlope(double x, double t) {
    return sigmoid(x) - t;
  }
}
