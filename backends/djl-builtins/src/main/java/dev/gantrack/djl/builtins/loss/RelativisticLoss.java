package dev.gantrack.djl.builtins.loss;

import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.spi.DjlLossSpec;

/**
 * Loss {@code relativistic}: the relativistic standard GAN, RSGAN (Jolicoeur-Martineau 2018). D
 * estimates the probability σ(C(x_r) − C(x_f)) that a real example is more realistic than a fake
 * one, the i-th real of the batch paired with the i-th fake, as in the paper's code. With
 * dᵢ = C(x_r)ᵢ − C(x_f)ᵢ and BCE on logits:
 * <ul>
 *   <li>D minimises ½[mean BCE(d, t_real) + mean BCE(−d, t_fake)]. Since BCE(−d, t) = BCE(d, 1 − t)
 *       this is mean BCE(d, (t_real + 1 − t_fake)/2): with the plain targets 1 / 0 exactly the
 *       paper's mean BCE(d, 1) = mean softplus(−d), ln 2 at equilibrium (d = 0). Writing it as the
 *       mean of a real and a fake term, like {@code relativistic-average}, lets label smoothing act
 *       on both sides: {@code two-sided} 0.9 / 0.1 gives the pair target 0.9, {@code one-sided} 0.9
 *       gives 0.95, {@code swap} 0 (D then calls the fake of each pair the more real one);
 *   <li>G minimises ½[mean BCE(−d, t_real) + mean BCE(d, t_fake)] with G's targets, for 1 / 0 the
 *       paper's mean BCE(C(x_f) − C(x_r), 1) = mean softplus(d);
 *   <li>reported: D(x) = mean σ(d), D(G(z)) = mean σ(−d) (so the two always sum to 1).
 * </ul>
 * G's loss needs D's logits on real data ({@link Loss#generatorUsesRealLogits()}): the trainer
 * passes D's current logits on the last D update's real batch, detached.
 */
public record RelativisticLoss() implements LogisticLevels, DjlLossSpec {
  public static final String TYPE = "relativistic";

  @Override
  public Loss create(RunServices run) {
    return new RelativisticGame(logits -> logits);
  }
}
