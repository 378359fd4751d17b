package dev.gantrack.api.health;

import dev.gantrack.api.PublicApi;
import java.util.Locale;

/**
 * A health rule with {@code on-failure: stop} found something: the run ends as FAILED and this
 * message, naming the rule, its field and the step, is the run's error line.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public final class HealthCheckFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Finding finding;

  public HealthCheckFailure(String path, Finding finding) {
    super(String.format(Locale.ROOT, "health rule %s (%s) stopped the run at step %d: %s; usually helps: %s",
        finding.rule(), path, finding.step(), finding.seen(), finding.advice()));
    this.finding = finding;
  }

  /** What the rule found. */
  public Finding finding() {
    return finding;
  }
}
