package dev.gantrack.api;

/**
 * A spec's option is not allowed: thrown by {@link Checks} (and by spec constructors) with the
 * option's path relative to the spec ({@code lr}, {@code generator.beta1}) and what is wrong, so
 * gantrack can name the whole path in the file without parsing the message.
 */
@PublicApi
public class InvalidOptionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String option;
  private final String problem;

  public InvalidOptionException(String option, String problem) {
    super(option == null || option.isEmpty() ? problem : option + ": " + problem);
    this.option = option == null ? "" : option;
    this.problem = problem;
  }

  /** The option's path relative to the spec; empty for the spec as a whole. */
  public String option() {
    return option;
  }

  /** What is wrong and what is allowed. */
  public String problem() {
    return problem;
  }

  /** As a {@link Problem} at the option's path under {@code specPath}. */
  public Problem toProblem(String specPath) {
    return Problem.at(option, problem).under(specPath);
  }

  /** The same problem with {@code prefix} in front of the option's path. */
  public InvalidOptionException under(String prefix) {
    return new InvalidOptionException(toProblem(prefix).path(), problem);
  }
}
