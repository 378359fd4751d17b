package dev.gantrack.djl.builtins.optim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.spec.Selector;
import java.util.List;
import java.util.function.Function;

/**
 * One network's optimizer in a {@code ttur:} section: algorithm, learning rate and its schedule, and
 * the algorithm's own hyper-parameters, with PyTorch's update formulas ({@code torch.optim}).
 *
 * <p>An option that does not apply to the chosen {@code optimizer} (e.g. {@code beta1} for
 * {@code sgd}) or {@code schedule} (e.g. {@code gamma} for {@code cosine}) is rejected, never
 * silently ignored. As read from a file an instance may leave options unset (null); the owning TTUR
 * spec fills them with {@link #resolve}, from its preset and then from the defaults below, so a
 * preset can change a default while every value stays overridable under the same name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimizerOptions(
    @Selector @JsonProperty("optimizer") @JsonPropertyDescription("adam | adamw (decoupled weight decay) | sgd | rmsprop")
        String optimizer,
    @JsonProperty("lr") @JsonPropertyDescription("base learning rate (default 2e-4)") Double lr,
    @JsonProperty("beta1") @JsonPropertyDescription("adam, adamw: first-moment decay (default 0.5)") Double beta1,
    @JsonProperty("beta2") @JsonPropertyDescription("adam, adamw: second-moment decay (default 0.999)") Double beta2,
    @JsonProperty("epsilon") @JsonPropertyDescription("adam, adamw, rmsprop: term added to the denominator (default 1e-8)")
        Double epsilon,
    @JsonProperty("weight-decay")
    @JsonPropertyDescription("L2 penalty added to the gradient; adamw: decoupled, w -= lr*wd*w (default 0; adamw 0.01)")
        Double weightDecay,
    @JsonProperty("momentum") @JsonPropertyDescription("sgd, rmsprop: momentum factor (default 0)") Double momentum,
    @JsonProperty("dampening") @JsonPropertyDescription("sgd: dampening of the momentum buffer (default 0)")
        Double dampening,
    @JsonProperty("nesterov") @JsonPropertyDescription("sgd: Nesterov momentum; needs momentum > 0, dampening 0 (default false)")
        Boolean nesterov,
    @JsonProperty("alpha") @JsonPropertyDescription("rmsprop: smoothing constant of the squared-gradient average (default 0.99)")
        Double alpha,
    @JsonProperty("centered") @JsonPropertyDescription("rmsprop: divide by the estimated variance, not the raw second moment (default false)")
        Boolean centered,
    @JsonProperty("schedule")
    @JsonPropertyDescription("learning-rate schedule after warm-up: constant | linear | cosine | step (default constant)")
        String schedule,
    @JsonProperty("final-lr")
    @JsonPropertyDescription("linear, cosine: fraction of lr reached at the last update (default 0)")
        Double finalLr,
    @JsonProperty("step-size") @JsonPropertyDescription("step: updates between decays (required for step)")
        Integer stepSize,
    @JsonProperty("gamma") @JsonPropertyDescription("step: factor applied every step-size updates (default 0.1)")
        Double gamma,
    @JsonProperty("warmup") @JsonPropertyDescription("updates with lr rising linearly from lr/warmup to lr (default 0)")
        Integer warmup) {
  /** Optimizers this build knows. */
  public static final List<String> OPTIMIZERS = List.of("adam", "adamw", "sgd", "rmsprop");

  /** Learning-rate schedules this build knows. */
  public static final List<String> SCHEDULES = List.of("constant", "linear", "cosine", "step");

  private static final List<String> ADAM = List.of("adam", "adamw");
  private static final List<String> ADAM_RMSPROP = List.of("adam", "adamw", "rmsprop");
  private static final List<String> SGD_RMSPROP = List.of("sgd", "rmsprop");
  private static final List<String> SGD = List.of("sgd");
  private static final List<String> RMSPROP = List.of("rmsprop");
  private static final List<String> DECAYING = List.of("linear", "cosine");
  private static final List<String> STEP = List.of("step");

  /** Checks the options that are set; options left null are filled later by {@link #resolve}. */
  public OptimizerOptions {
    Checks.optionalOneOf("optimizer", optimizer, OPTIMIZERS);
    Checks.optionalOneOf("schedule", schedule, SCHEDULES);
    checkRange("lr", lr, 0.0, 10.0);
    checkRange("beta1", beta1, 0.0, 0.9999);
    checkRange("beta2", beta2, 0.0, 0.99999);
    checkRange("epsilon", epsilon, 0.0, 1.0);
    checkRange("weight-decay", weightDecay, 0.0, 1.0);
    checkRange("momentum", momentum, 0.0, 0.9999);
    checkRange("dampening", dampening, 0.0, 1.0);
    checkRange("alpha", alpha, 0.0, 0.99999);
    checkRange("final-lr", finalLr, 0.0, 1.0);
    checkRange("gamma", gamma, 0.0, 1.0);
    Checks.optionalRange("step-size", stepSize, 1, 100_000_000);
    Checks.optionalRange("warmup", warmup, 0, 100_000_000);
    if (optimizer != null) {
      onlyFor("beta1", beta1, ADAM, optimizer, "optimizer");
      onlyFor("beta2", beta2, ADAM, optimizer, "optimizer");
      onlyFor("epsilon", epsilon, ADAM_RMSPROP, optimizer, "optimizer");
      onlyFor("momentum", momentum, SGD_RMSPROP, optimizer, "optimizer");
      onlyFor("dampening", dampening, SGD, optimizer, "optimizer");
      onlyFor("nesterov", nesterov, SGD, optimizer, "optimizer");
      onlyFor("alpha", alpha, RMSPROP, optimizer, "optimizer");
      onlyFor("centered", centered, RMSPROP, optimizer, "optimizer");
    }
    if (schedule != null) {
      onlyFor("final-lr", finalLr, DECAYING, schedule, "schedule");
      onlyFor("step-size", stepSize, STEP, schedule, "schedule");
      onlyFor("gamma", gamma, STEP, schedule, "schedule");
    }
    if (Boolean.TRUE.equals(nesterov) && momentum != null && dampening != null && (momentum <= 0 || dampening != 0)) {
      throw new InvalidOptionException("nesterov", "needs momentum > 0 and dampening 0 (momentum " + momentum
          + ", dampening " + dampening + ")");
    }
  }

  private static void checkRange(String option, Double value, double min, double max) {
    Checks.optionalRange(option, value, min, max);
  }

  private static void onlyFor(String option, Object value, List<String> allowed, String chosen, String by) {
    if (value != null && !allowed.contains(chosen)) {
      throw new InvalidOptionException(option, "does not apply to " + by + " " + chosen
          + "; it applies to " + String.join(", ", allowed));
    }
  }

  /** Nothing set: every value comes from the owning spec's preset or the defaults. */
  public static OptimizerOptions unset() {
    return new OptimizerOptions(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  /** An Adam preset: learning rate and betas set, everything else unset. */
  public static OptimizerOptions adam(double lr, double beta1, double beta2) {
    return new OptimizerOptions("adam", lr, beta1, beta2, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  /** All defaults, resolved (Adam 2e-4, β 0.5/0.999, constant learning rate). */
  public static OptimizerOptions defaults() {
    return resolve("optimizer", unset(), unset());
  }

  /**
   * Every option that applies to the chosen optimizer and schedule: the value in {@code given}, else
   * the one in {@code preset} (when it applies to the chosen optimizer), else the default. Errors
   * name the option as {@code where.option}.
   */
  public static OptimizerOptions resolve(String where, OptimizerOptions given, OptimizerOptions preset) {
    OptimizerOptions g = given == null ? unset() : given;
    OptimizerOptions p = preset == null ? unset() : preset;
    String opt = first(g.optimizer, p.optimizer, "adam");
    String sched = first(g.schedule, p.schedule, "constant");
    Resolver r = new Resolver(g, p);
    try {
      OptimizerOptions out = new OptimizerOptions(opt,
          r.pick(OptimizerOptions::lr, true, 2e-4),
          r.pick(OptimizerOptions::beta1, ADAM.contains(opt), 0.5),
          r.pick(OptimizerOptions::beta2, ADAM.contains(opt), 0.999),
          r.pick(OptimizerOptions::epsilon, ADAM_RMSPROP.contains(opt), 1e-8),
          r.pick(OptimizerOptions::weightDecay, true, opt.equals("adamw") ? 0.01 : 0.0),
          r.pick(OptimizerOptions::momentum, SGD_RMSPROP.contains(opt), 0.0),
          r.pick(OptimizerOptions::dampening, SGD.contains(opt), 0.0),
          r.pick(OptimizerOptions::nesterov, SGD.contains(opt), false),
          r.pick(OptimizerOptions::alpha, RMSPROP.contains(opt), 0.99),
          r.pick(OptimizerOptions::centered, RMSPROP.contains(opt), false),
          sched,
          r.pick(OptimizerOptions::finalLr, DECAYING.contains(sched), 0.0),
          r.pick(OptimizerOptions::stepSize, STEP.contains(sched), null),
          r.pick(OptimizerOptions::gamma, STEP.contains(sched), 0.1),
          r.pick(OptimizerOptions::warmup, true, 0));
      if (out.schedule.equals("step") && out.stepSize == null) {
        throw new InvalidOptionException("step-size", "required with schedule step");
      }
      if (Boolean.TRUE.equals(out.nesterov) && (out.momentum <= 0 || out.dampening != 0)) {
        throw new InvalidOptionException("nesterov", "needs momentum > 0 and dampening 0");
      }
      return out;
    } catch (InvalidOptionException e) {
      throw e.under(where);
    }
  }

  private static <T> T first(T a, T b, T c) {
    return a != null ? a : b != null ? b : c;
  }

  /** Given value, else the preset's when the option applies, else the default when it applies. */
  private record Resolver(OptimizerOptions given, OptimizerOptions preset) {
    <T> T pick(Function<OptimizerOptions, T> option, boolean applies, T dflt) {
      T g = option.apply(given);
      if (g != null) {
        return g; // kept even when it does not apply, so the constructor rejects it
      }
      if (!applies) {
        return null;
      }
      T p = option.apply(preset);
      return p != null ? p : dflt;
    }
  }
}
