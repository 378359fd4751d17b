package dev.gantrack.api.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantrack.api.PublicApi;
import java.util.Locale;

/**
 * What a health rule found at a step.
 *
 * @param step the logged step it was found at
 * @param rule the rule's name ({@link HealthRule#name()})
 * @param signal the logged value that shows it, e.g. {@code d_fake}
 * @param value that value at {@code step}
 * @param seen what the values show, in words and numbers
 * @param advice what users usually change
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public record Finding(
    @JsonProperty("step") long step,
    @JsonProperty("rule") String rule,
    @JsonProperty("signal") String signal,
    @JsonProperty("value") double value,
    @JsonProperty("seen") String seen,
    @JsonProperty("advice") String advice) {

  /** The tag of its warning and the key of its metric: {@code health/<rule>}. */
  public String tag() {
    return tagOf(rule);
  }

  /** The tag and metric key of the rule named {@code rule}: {@code health/<rule>}. */
  public static String tagOf(String rule) {
    return "health/" + rule;
  }

  /** One line: the step, the rule, what was seen and what to change. */
  public String describe() {
    return String.format(Locale.ROOT, "step %d: %s: %s; usually helps: %s", step, rule, seen, advice);
  }
}
