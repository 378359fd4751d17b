package dev.gantrack.djl.plugins;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import java.util.List;

/** One network's optimizer in a {@code ttur:} section: algorithm, learning rate, betas, weight decay. */
public record OptimizerOptions(
    @JsonProperty("optimizer") @JsonPropertyDescription("adam") String optimizer,
    @JsonProperty("lr") @JsonPropertyDescription("learning rate") Double lr,
    @JsonProperty("beta1") @JsonPropertyDescription("Adam's first-moment decay") Double beta1,
    @JsonProperty("beta2") @JsonPropertyDescription("Adam's second-moment decay") Double beta2,
    @JsonProperty("epsilon") @JsonPropertyDescription("Adam's epsilon") Double epsilon,
    @JsonProperty("weight-decay") @JsonPropertyDescription("L2 weight decay") Double weightDecay) {
  /** Optimizers this build knows. */
  public static final List<String> OPTIMIZERS = List.of("adam");

  public OptimizerOptions {
    optimizer = Checks.oneOf("optimizer", optimizer, "adam", OPTIMIZERS);
    lr = Checks.range("lr", lr, 2e-4, 0.0, 10.0);
    beta1 = Checks.range("beta1", beta1, 0.5, 0.0, 0.9999);
    beta2 = Checks.range("beta2", beta2, 0.999, 0.0, 0.99999);
    epsilon = Checks.range("epsilon", epsilon, 1e-8, 0.0, 1.0);
    weightDecay = Checks.range("weight-decay", weightDecay, 0.0, 0.0, 1.0);
  }

  /** All defaults (DCGAN's Adam: 2e-4, β 0.5/0.999). */
  public static OptimizerOptions defaults() {
    return new OptimizerOptions(null, null, null, null, null, null);
  }
}
