package dev.gantrack.djl.builtins.loss;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.spi.DjlLossSpec;

/**
 * Loss {@code relativistic-average}: the relativistic average standard GAN, RaGAN
 * (Jolicoeur-Martineau 2018; the adversarial loss of ESRGAN). D compares each example with the
 * other side's average: with C the logits, m_r = mean C(x_r) and m_f = mean C(x_f) over the batch
 * (means of the logits, before the sigmoid; gradients flow through them, as in the paper's code),
 * and BCE on logits:
 * <ul>
 *   <li>D minimises ½[mean BCE(C(x_r) − m_f, t_real) + mean BCE(C(x_f) − m_r, t_fake)] with D's
 *       targets (label smoothing applies to each term as to the BCE losses); ln 2 at equilibrium
 *       (every C(x_r) − m_f and C(x_f) − m_r zero) with the plain targets 1 / 0;
 *   <li>G minimises ½[mean BCE(C(x_f) − m_r, t_real) + mean BCE(C(x_r) − m_f, t_fake)] with G's
 *       targets: the roles of real and fake swapped;
 *   <li>reported: D(x) = mean σ(C(x_r) − m_f), D(G(z)) = mean σ(C(x_f) − m_r).
 * </ul>
 * G's loss needs D's logits on real data ({@link Loss#generatorUsesRealLogits()}): the trainer
 * passes D's current logits on the last D update's real batch, detached.
 */
public record RelativisticAverageLoss() implements LogisticLevels, DjlLossSpec {
  public static final String TYPE = "relativistic-average";

  @Override
  public Loss create(RunServices run) {
    return new RelativisticGame(NDArray::mean);
  }
}
