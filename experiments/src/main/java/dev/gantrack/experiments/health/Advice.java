package dev.gantrack.experiments.health;

/** What users usually change, per finding: the second half of every warning. */
final class Advice {
  /** D is ahead of G (D winning, D's loss below balance, G's loss climbing). */
  static final String D_AHEAD = "lower D's learning rate or raise G's (ttur), one-sided label smoothing "
      + "(label-smoothing: {type: one-sided}), instance noise (instance-noise: {type: instance}), spectral norm on D "
      + "(spectral-norm: {type: power-iteration}) or an R1 penalty (penalty: {type: r1})";

  /** D cannot keep up (D's loss above balance). */
  static final String D_BEHIND = "raise D's learning rate or its updates per step (ttur.d-steps), or lower G's "
      + "learning rate; a D too small for the data cannot keep up either";

  /** D has lost: it calls the fakes real. */
  static final String D_LOST = "restart from a checkpoint before it with a lower G learning rate or a higher D one "
      + "(ttur, ttur.d-steps: 2); an R1 penalty (penalty: {type: r1}) or spectral norm keeps D's output from growing "
      + "where there is no data; a learning-rate schedule that decays (ttur.*.schedule: cosine)";

  /** G loses modes or diversity. */
  static final String COLLAPSE = "minibatch standard deviation in D (discriminator.minibatch-std: true) or packing "
      + "(discriminator.pack: 2, PacGAN), a lower G learning rate, an EMA copy of G (training.ema: 0.999), or the "
      + "checkpoint of the best step";

  private Advice() {}
}
