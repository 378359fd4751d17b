package dev.gantrack.djl.eval.classifier;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The split train-classifier makes, for tests in other packages. */
public final class ClassifierTrainingAccess {
  private ClassifierTrainingAccess() {}

  /** The indices of the {@code holdout} digits held out of {@code n} with {@code seed}. */
  public static int[] heldOutOrder(int n, int holdout, long seed) {
    int[] order = ClassifierTraining.permutation(n, new SplittableRandom(seed));
    return Arrays.copyOfRange(order, n - holdout, n);
  }
}
