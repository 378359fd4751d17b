package dev.gantrack.djl.train;

import com.google.inject.ConfigurationException;
import com.google.inject.ProvisionException;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.Problem;
import dev.gantrack.api.run.AssemblyException;
import java.util.function.Supplier;

/**
 * Builds one runtime piece of a run from its role's spec, turning any failure into an {@link
 * AssemblyException} that names the role's field, so the user sees one line such as {@code loss:
 * cannot build the loss: ...} before any run folder exists.
 */
public final class Assembly {
  private Assembly() {}

  /** {@code build}'s result, or an AssemblyException at {@code path} saying it could not build {@code what}. */
  public static <T> T piece(String path, String what, Supplier<T> build) {
    try {
      return build.get();
    } catch (AssemblyException e) {
      throw e;
    } catch (RuntimeException e) {
      AssemblyException inner = nested(e);
      if (inner != null) {
        throw inner; // a service this piece asked for could not be built: report that service's field
      }
      if (e instanceof InvalidOptionException refused) {
        throw new AssemblyException(refused.toProblem(path), e); // the spec's own refusal, at its option
      }
      throw new AssemblyException(Problem.at(path, "cannot build " + what + ": " + reason(e)), e);
    }
  }

  /** An AssemblyException Guice wrapped while providing something {@code e}'s piece asked for, if any. */
  private static AssemblyException nested(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof AssemblyException a) {
        return a;
      }
      if (c instanceof ProvisionException p) {
        for (com.google.inject.spi.Message m : p.getErrorMessages()) {
          AssemblyException a = m.getCause() == null ? null : nested(m.getCause());
          if (a != null) {
            return a;
          }
        }
      }
    }
    return null;
  }

  /** A one-line reason: Guice's first message for its errors, the exception's message otherwise. */
  public static String reason(Throwable e) {
    String text;
    if (e instanceof ProvisionException p && !p.getErrorMessages().isEmpty()) {
      text = p.getErrorMessages().iterator().next().getMessage();
    } else if (e instanceof ConfigurationException c && !c.getErrorMessages().isEmpty()) {
      text = c.getErrorMessages().iterator().next().getMessage();
    } else {
      text = e.getMessage() == null ? e.toString() : e.getMessage();
    }
    return text.replaceAll("\\s+", " ").trim();
  }
}
