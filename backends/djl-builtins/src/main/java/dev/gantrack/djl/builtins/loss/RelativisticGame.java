package dev.gantrack.djl.builtins.loss;

import ai.djl.ndarray.NDArray;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.loss.BinaryCrossEntropy;
import dev.gantrack.djl.spi.tensor.Scalars;
import java.util.function.UnaryOperator;

/**
 * The game both relativistic losses play (Jolicoeur-Martineau 2018), with C the critic's logits and
 * ref one side's reference for the other side's examples: the paired logit for {@code relativistic}
 * (ref(C)ᵢ = Cᵢ, the i-th real against the i-th fake) and the batch mean for {@code
 * relativistic-average} (ref(C) = mean C). With Δ_r = C(x_r) − ref(C(x_f)) and Δ_f = C(x_f) − ref(C(x_r)):
 * <ul>
 *   <li>D minimises ½[mean BCE(Δ_r, t_real) + mean BCE(Δ_f, t_fake)] with D's targets;
 *   <li>G minimises ½[mean BCE(Δ_f, t_real) + mean BCE(Δ_r, t_fake)] with G's targets (the roles of
 *       real and fake swapped: fakes should look more real than the reals, the reals less real);
 *   <li>the reported D(x) is mean σ(Δ_r) and D(G(z)) is mean σ(Δ_f).
 * </ul>
 * Gradients flow through the references (the batch means included), as in the paper's code; the
 * trainer detaches the real logits it passes to G's loss. When D cannot tell the sides apart every
 * Δ is 0 and, with the plain targets 1 / 0, both losses are ln 2.
 */
final class RelativisticGame implements DjlLossSpec.Loss {
  private final UnaryOperator<NDArray> reference;

  RelativisticGame(UnaryOperator<NDArray> reference) {
    this.reference = reference;
  }

  /** ½[mean BCE(x − ref(y), tx) + mean BCE(y − ref(x), ty)]. */
  private NDArray meanOfTerms(NDArray x, NDArray y, NDArray tx, NDArray ty) {
    NDArray xTerm = BinaryCrossEntropy.ofLogits(x.sub(reference.apply(y)), tx).mean();
    NDArray yTerm = BinaryCrossEntropy.ofLogits(y.sub(reference.apply(x)), ty).mean();
    NDArray sum = xTerm.add(yTerm);
    return sum.mul(Scalars.of(sum, 0.5));
  }

  @Override
  public NDArray discriminator(NDArray realLogits, NDArray fakeLogits, DjlLossSpec.Targets t) {
    return meanOfTerms(realLogits, fakeLogits, t.real(), t.fake());
  }

  @Override
  public boolean generatorUsesRealLogits() {
    return true;
  }

  @Override
  public NDArray generator(NDArray fakeLogits, NDArray realLogits, DjlLossSpec.Targets t) {
    return meanOfTerms(fakeLogits, realLogits, t.real(), t.fake());
  }

  /** Never called: {@link #generatorUsesRealLogits()} makes the trainer call the three-argument form. */
  @Override
  public NDArray generator(NDArray fakeLogits, DjlLossSpec.Targets t) {
    throw new IllegalStateException("a relativistic loss needs D's logits on real data for G's loss");
  }

  @Override
  public DjlLossSpec.Scores scores(NDArray realLogits, NDArray fakeLogits) {
    NDArray real = realLogits.sub(reference.apply(fakeLogits)).getNDArrayInternal().sigmoid().mean();
    NDArray fake = fakeLogits.sub(reference.apply(realLogits)).getNDArrayInternal().sigmoid().mean();
    return new DjlLossSpec.Scores(real, fake);
  }
}
