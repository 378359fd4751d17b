package dev.gantrack.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.trackers.mlflow.MlflowSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code gantrack eval} of a run: which checkpoint and generator, the step, the values and their
 * provenance. Appended to {@code eval.json} in the run folder ({@code {"evaluations": [...]}}, oldest
 * first, so earlier evaluations are kept), and logged to the run's MLflow run as {@code eval/<name>}
 * at the step.
 */
public record EvaluationRecord(String checkpoint, String generator, long step, boolean grid, Map<String, Double> values,
    Map<String, String> provenance) {
  /** The file in the run folder. */
  public static final String FILE = "eval.json";
  /** Prefix of the MLflow metric keys of evaluated values. */
  public static final String MLFLOW_PREFIX = "eval/";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Appends this evaluation to {@code runDir/eval.json} (written under a temporary name, then renamed); returns the file. */
  public Path append(Path runDir) throws IOException {
    Path file = runDir.resolve(FILE);
    ObjectNode doc = JSON.createObjectNode();
    if (Files.isRegularFile(file)) {
      JsonNode old = JSON.readTree(file.toFile());
      if (old.path("evaluations").isArray()) {
        doc = (ObjectNode) old;
      }
    }
    ArrayNode list = doc.has("evaluations") ? (ArrayNode) doc.get("evaluations") : doc.putArray("evaluations");
    ObjectNode e = list.addObject();
    e.put("time", Instant.now().toString());
    e.put("checkpoint", checkpoint);
    e.put("generator", generator);
    e.put("step", step);
    e.put("samples_from", grid ? "sample grid" : "fresh samples");
    ObjectNode v = e.putObject("values");
    values.forEach((k, x) -> {
      if (Double.isFinite(x)) {
        v.put(k, x);
      } else {
        v.put(k, x.toString());
      }
    });
    ObjectNode p = e.putObject("provenance");
    provenance.forEach(p::put);
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Files.writeString(tmp, JSON.writeValueAsString(doc) + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** Logs the values to the run's MLflow run, if it has one, and delivers them; a one-line summary, or empty. */
  public Optional<String> toMlflow(Path runDir) throws IOException {
    Map<String, Double> keyed = new LinkedHashMap<>();
    values.forEach((k, x) -> keyed.put(MLFLOW_PREFIX + k, x));
    if (!MlflowSync.appendMetrics(runDir, step, keyed)) {
      return Optional.empty();
    }
    return Optional.of("MLflow: " + MlflowSync.sync(runDir, System.getenv(), Duration.ofSeconds(20)).summary());
  }
}
