package dev.gantrack.experiments.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PluginKind;
import dev.gantrack.api.Problem;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Binds a resolved tree to an {@link Experiment} by {@code type:} names, and turns Jackson's
 * failures into one {@link ExperimentException} each: an unknown or missing type lists the kind's
 * types, an unknown field the allowed ones (both with the nearest match), a value of the wrong kind
 * says what is expected, and a spec's own refusal is reported where it belongs: an {@link
 * InvalidOptionException} at its option's path under the section, any other {@link
 * IllegalArgumentException} at the section with its message as it is.
 */
final class ExperimentBinder {
  private final ObjectMapper mapper;
  private final PluginRegistry registry;

  ExperimentBinder(ObjectMapper mapper, PluginRegistry registry) {
    this.mapper = mapper;
    this.registry = registry;
  }

  Experiment bind(Path file, ObjectNode tree) throws ExperimentException {
    return bind(file, tree, Experiment.class, "");
  }

  /**
   * Binds {@code tree}, the section at dotted path {@code prefix} of {@code file} ("" for the whole
   * file), to {@code type}, with the same one-line failures as the whole experiment.
   */
  <T> T bind(Path file, JsonNode tree, Class<T> type, String prefix) throws ExperimentException {
    try {
      return mapper.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      ExperimentException x = translate(file, e);
      String field = x.field().isEmpty() ? prefix : prefix.isEmpty() ? x.field() : prefix + "." + x.field();
      throw new ExperimentException(x.file(), field, x.problem());
    }
  }

  /** Jackson's failure (or a spec's refusal) as one line naming the field. */
  private ExperimentException translate(Path file, Exception ex) {
    if (ex instanceof InvalidTypeIdException e) {
      return unknownType(file, e);
    }
    if (ex instanceof UnrecognizedPropertyException e) {
      List<String> known = new ArrayList<>();
      if (e.getKnownPropertyIds() != null) {
        e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      }
      known.remove("type");
      known.sort(null);
      return new ExperimentException(file, path(e), "unknown field; allowed: "
          + (known.isEmpty() ? "(none)" : String.join(", ", known)) + Names.suggestion(e.getPropertyName(), known));
    }
    if (ex instanceof ValueInstantiationException e) {
      return e.getCause() == null ? new ExperimentException(file, path(e), e.getOriginalMessage())
          : refused(file, path(e), e.getCause());
    }
    if (ex instanceof MismatchedInputException e) {
      String expected = e.getTargetType() == null ? "another kind of value" : friendly(e.getTargetType());
      return new ExperimentException(file, path(e), "expected " + expected);
    }
    if (ex instanceof JsonMappingException e) {
      return new ExperimentException(file, path(e), e.getOriginalMessage());
    }
    if (ex instanceof JsonProcessingException e) {
      return new ExperimentException(file, "", e.getOriginalMessage());
    }
    return refused(file, "", ex);
  }

  private ExperimentException unknownType(Path file, InvalidTypeIdException e) {
    String path = path(e);
    PluginKind kind = PluginKind.ofSpec(e.getBaseType().getRawClass()).orElse(null);
    List<String> known = kind == null ? List.of() : registry.names(kind);
    String what = kind == null ? "type" : kind.id() + " type";
    String field = path.isEmpty() ? "type" : path + ".type";
    if (e.getTypeId() == null || e.getTypeId().isEmpty()) {
      return new ExperimentException(file, field, "missing; name a " + what + ": " + String.join(", ", known));
    }
    return new ExperimentException(file, field, "unknown " + what + " '" + e.getTypeId() + "'; known: "
        + String.join(", ", known) + Names.suggestion(e.getTypeId(), known));
  }

  /** A spec (or the experiment) at {@code path} refused its options. */
  private static ExperimentException refused(Path file, String path, Throwable cause) {
    if (cause instanceof InvalidOptionException invalid) {
      Problem p = invalid.toProblem(path);
      return new ExperimentException(file, p.path(), p.message());
    }
    String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    return new ExperimentException(file, path, message);
  }

  /** The dotted path of the value Jackson failed on ({@code ttur.generator}, {@code trackers.1}). */
  static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      String part = r.getFieldName() != null ? r.getFieldName() : r.getIndex() >= 0 ? String.valueOf(r.getIndex()) : null;
      if (part != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(part);
      }
    }
    return sb.toString();
  }

  private static String friendly(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a section (" + type.getSimpleName().replaceAll("(Spec|Options)$", "").toLowerCase(Locale.ROOT) + ")";
  }
}
