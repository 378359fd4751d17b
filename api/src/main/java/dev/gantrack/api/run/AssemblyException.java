package dev.gantrack.api.run;

import dev.gantrack.api.Problem;
import dev.gantrack.api.PublicApi;

/**
 * A piece of a run cannot be built from its spec (a plugin asks for a service nobody binds, a
 * network cannot take the data's shape, ...). Thrown while the run's injector builds the run, before
 * any run folder exists; gantrack reports it like a bad file, naming the role's field.
 */
@PublicApi
public class AssemblyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Problem problem;

  public AssemblyException(Problem problem, Throwable cause) {
    super(problem.toString(), cause);
    this.problem = problem;
  }

  /** The field at fault and what went wrong. */
  public Problem problem() {
    return problem;
  }
}
