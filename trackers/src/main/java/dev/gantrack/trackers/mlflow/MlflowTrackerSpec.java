package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.gantrack.api.Checks;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.TrackerSpec;
import dev.gantrack.api.track.Tracker;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Options of the {@code mlflow} tracker (section {@code trackers: - type: mlflow}).
 *
 * <pre>
 * trackers:
 *   - type: mlflow
 *     tracking-uri: http://mlflow.example.org:5000   # default: $MLFLOW_TRACKING_URI, else http://127.0.0.1:5000
 *     experiment: dcgan-sweeps                       # default: the gantrack experiment's name
 *     run-name: lr-2e-4                              # default: the gantrack run id
 *     upload-artifacts: true                         # sample grids and run files through the server's artifact proxy
 *     retry-seconds: 30                              # longest wait between delivery attempts
 * </pre>
 *
 * <p>Credentials are never options: they are read from {@code MLFLOW_TRACKING_TOKEN} (bearer) or
 * {@code MLFLOW_TRACKING_USERNAME} / {@code MLFLOW_TRACKING_PASSWORD} (basic) when the tracker is
 * created, and a {@code tracking-uri} carrying {@code user:password@} is rejected, so a secret can
 * never end up in the resolved experiment, in params, tags, logs or the spool.
 *
 * @param trackingUri the MLflow tracking server, {@code http} or {@code https}, no credentials
 * @param experiment the MLflow experiment, or {@code null} for the gantrack experiment's name
 * @param runName the MLflow run name, or {@code null} for the gantrack run id
 * @param uploadArtifacts whether images and files are uploaded through the server's artifact proxy
 * @param retrySeconds the cap of the exponential backoff between delivery attempts
 */
@JsonTypeName(MlflowTrackerSpec.TYPE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"tracking-uri", "experiment", "run-name", "upload-artifacts", "retry-seconds"})
public record MlflowTrackerSpec(
    @JsonProperty("tracking-uri")
        @JsonPropertyDescription(
            "MLflow tracking server (http/https, no credentials); default: $MLFLOW_TRACKING_URI, else "
                + MlflowTrackerSpec.DEFAULT_TRACKING_URI)
        String trackingUri,
    @JsonProperty("experiment")
        @JsonPropertyDescription("MLflow experiment, created when missing; default: the gantrack experiment's name")
        String experiment,
    @JsonProperty("run-name")
        @JsonPropertyDescription("MLflow run name; default: the gantrack run id")
        String runName,
    @JsonProperty("upload-artifacts")
        @JsonPropertyDescription("upload sample images and run files through the server's artifact proxy")
        boolean uploadArtifacts,
    @JsonProperty("retry-seconds")
        @JsonPropertyDescription("longest wait between delivery attempts while the server is unreachable")
        int retrySeconds)
    implements TrackerSpec {

  /** The {@code type:} name in experiment files. */
  public static final String TYPE = "mlflow";

  /** Where the tracker sends runs when neither {@code tracking-uri} nor the environment say. */
  public static final String DEFAULT_TRACKING_URI = "http://127.0.0.1:5000";

  /** The environment variable that supplies the default {@code tracking-uri}. */
  public static final String ENV_TRACKING_URI = "MLFLOW_TRACKING_URI";

  /** Validates and normalises (a trailing {@code /} of the URI is dropped). */
  public MlflowTrackerSpec {
    trackingUri = checkTrackingUri("tracking-uri", Checks.required("tracking-uri", trackingUri), "");
    experiment = checkName("experiment", experiment, 500);
    runName = checkName("run-name", runName, 250);
    retrySeconds = Checks.range("retry-seconds", retrySeconds, 30, 1, 3600);
  }

  /**
   * The constructor Jackson uses: absent options take their defaults, {@code tracking-uri} from
   * {@code $MLFLOW_TRACKING_URI} of this process.
   */
  @JsonCreator
  public MlflowTrackerSpec(
      @JsonProperty("tracking-uri") String trackingUri,
      @JsonProperty("experiment") String experiment,
      @JsonProperty("run-name") String runName,
      @JsonProperty("upload-artifacts") Boolean uploadArtifacts,
      @JsonProperty("retry-seconds") Integer retrySeconds) {
    this(defaults(trackingUri, experiment, runName, uploadArtifacts, retrySeconds, System.getenv()));
  }

  private MlflowTrackerSpec(MlflowTrackerSpec resolved) {
    this(resolved.trackingUri, resolved.experiment, resolved.runName, resolved.uploadArtifacts,
        resolved.retrySeconds);
  }

  /**
   * A spec whose defaults come from {@code env} instead of the process environment (tests, tools).
   * Any argument may be {@code null} for its default.
   */
  public static MlflowTrackerSpec of(
      String trackingUri, String experiment, String runName, Boolean uploadArtifacts,
      Integer retrySeconds, Map<String, String> env) {
    return defaults(trackingUri, experiment, runName, uploadArtifacts, retrySeconds, env);
  }

  private static MlflowTrackerSpec defaults(
      String trackingUri, String experiment, String runName, Boolean uploadArtifacts,
      Integer retrySeconds, Map<String, String> env) {
    String uri = trackingUri;
    String origin = "";
    if (uri == null) {
      String fromEnv = env.get(ENV_TRACKING_URI);
      if (fromEnv != null && !fromEnv.isBlank()) {
        uri = fromEnv.strip();
        origin = " (from $" + ENV_TRACKING_URI + ")";
      } else {
        uri = DEFAULT_TRACKING_URI;
      }
    }
    return new MlflowTrackerSpec(
        checkTrackingUri("tracking-uri", uri, origin),
        experiment,
        runName,
        uploadArtifacts == null || uploadArtifacts,
        Checks.range("retry-seconds", retrySeconds, 30, 1, 3600));
  }

  @Override
  public Tracker create(RunServices run) {
    return new MlflowTracker(this, System.getenv());
  }

  private static String checkTrackingUri(String option, String value, String origin) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          option + ": '" + value + "'" + origin + " is not a URI; expected e.g. " + DEFAULT_TRACKING_URI);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          option + ": '" + value + "'" + origin + " is not supported; gantrack talks to an MLflow "
              + "tracking server, allowed: http://HOST[:PORT][/PATH] or https://...");
    }
    if (uri.getRawUserInfo() != null) {
      // Never echo the value: it holds a secret.
      throw new IllegalArgumentException(
          option + origin + ": must not contain credentials; set MLFLOW_TRACKING_TOKEN, or "
              + "MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, in the environment instead");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          option + ": '" + value + "'" + origin + " must not have a query or fragment");
    }
    String s = uri.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static String checkName(String option, String value, int max) {
    if (value == null) {
      return null;
    }
    if (value.isBlank() || value.length() > max) {
      throw new IllegalArgumentException(
          option + ": '" + value + "' is not allowed; use 1 to " + max + " characters, not only blanks");
    }
    return value;
  }
}
