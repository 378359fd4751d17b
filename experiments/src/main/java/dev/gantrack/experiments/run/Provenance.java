package dev.gantrack.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantrack.api.Backend;
import dev.gantrack.api.Experiment;
import dev.gantrack.api.Role;
import dev.gantrack.api.spec.PluginSpec;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run folder's {@code provenance.json}: the provenance tags (versions, git commit, config hash,
 * device, seed, plugin types → classes → jars), the file the run was resolved from ({@code
 * source_file}: its folder is where the resolved file's relative paths point), the trackers added on
 * the command line (a resume adds them again), the resolved experiment as a tree, and, for a resumed
 * run, one record per resume ({@code resumes}).
 */
public final class Provenance {
  /** The file's name in a run folder. */
  public static final String FILE = "provenance.json";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Provenance() {}

  /** The provenance tags of a run of {@code loaded} on {@code backend}. */
  static Map<String, String> tags(ExperimentLoader.Loaded loaded, Backend backend, PluginRegistry registry) {
    Experiment e = loaded.experiment();
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("gantrack.version", Versions.gantrack());
    Versions.git().forEach(tags::put);
    tags.put("gantrack.config_hash", sha256(loaded.resolvedYaml()));
    tags.put("gantrack.backend", backend.name());
    tags.put("gantrack.seed", String.valueOf(e.seed()));
    tags.put("gantrack.data", loaded.data().toString());
    tags.put("java.version", System.getProperty("java.version"));
    tags.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    Map<String, String> diag = backend.diagnose();
    tags.put("gantrack.engine", diag.getOrDefault("engine", "?"));
    tags.put("gantrack.native_library", diag.getOrDefault("native library", "?"));
    tags.put("gantrack.device", diag.getOrDefault("default device", e.device()).equals("cpu()") || "cpu".equals(e.device())
        ? "cpu" : "auto".equals(e.device()) ? diag.getOrDefault("default device", "?") : e.device());
    for (Role role : Role.values()) {
      List<PluginSpec> filled = role.specs(e);
      for (int i = 0; i < filled.size(); i++) {
        PluginSpec spec = filled.get(i);
        String field = role.path(i);
        if (spec != null) {
          registry.ofClass(spec.getClass()).ifPresent(t ->
              tags.put("gantrack.plugin." + field, t.name() + " = " + registry.source(t)));
        }
      }
    }
    return tags;
  }

  /** The key of the trackers a run was given on the command line ({@code --tracker}), by type. */
  static final String COMMAND_LINE_TRACKERS = "command_line_trackers";

  /** Writes a new run's {@code provenance.json}; {@code trackerTypes} are those added with {@code --tracker}. */
  static void write(Path runDir, Map<String, String> tags, ExperimentLoader.Loaded loaded, List<String> trackerTypes)
      throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    doc.set("provenance", JSON.valueToTree(tags));
    doc.put("source_file", loaded.file().toAbsolutePath().toString());
    trackerTypes.forEach(doc.putArray(COMMAND_LINE_TRACKERS)::add);
    doc.set("experiment", loaded.resolved());
    save(runDir, doc);
  }

  /** Reads a run folder's {@code provenance.json}. */
  public static ObjectNode read(Path runDir) throws IOException {
    JsonNode doc = JSON.readTree(runDir.resolve(FILE).toFile());
    if (!(doc instanceof ObjectNode obj)) {
      throw new IOException(FILE + " is not a JSON object");
    }
    return obj;
  }

  /** Replaces {@code provenance.json} atomically. */
  static void save(Path runDir, ObjectNode doc) throws IOException {
    Path tmp = runDir.resolve(FILE + ".tmp");
    Files.writeString(tmp, JSON.writeValueAsString(doc), StandardCharsets.UTF_8);
    Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Appends {@code record} to the {@code resumes} list of {@code doc}. */
  static void addResume(ObjectNode doc, ObjectNode record) {
    ArrayNode resumes = doc.has("resumes") && doc.get("resumes").isArray() ? (ArrayNode) doc.get("resumes")
        : doc.putArray("resumes");
    resumes.add(record);
  }

  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
