package dev.gantrack.trackers.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow.tracking.creds.MlflowHostCreds;
import org.mlflow.tracking.creds.MlflowHostCredsProvider;

/**
 * The few MLflow REST 2.0 calls the tracker makes, over {@link java.net.http.HttpClient}.
 *
 * <p>Credentials come from an {@link MlflowHostCredsProvider} of the MLflow Java client (basic
 * when user and password are set, else bearer; exactly as {@code MlflowClient} does). The calls
 * themselves do not go through {@code org.mlflow.tracking.MlflowClient}: its HTTP layer has no
 * timeouts (a half-dead server would hang the delivery thread for good), silently repeats every
 * failed request up to three times including non-idempotent {@code runs/log-batch} after a 5xx
 * and every 4xx (logging each at WARN with the response body), and its {@code getMetricHistory}
 * cannot follow a second page (it appends to an immutable protobuf list). Here every call has a
 * timeout, is made once, and its failure says whether the server may have applied it ({@link
 * MlflowCallException.Kind}); retrying is the caller's decision.
 */
final class MlflowRest implements MlflowCalls {
  /** Most metrics the server takes in one {@code runs/log-batch}. */
  static final int MAX_METRICS_PER_BATCH = 1000;
  /** Most params (and, apart, tags) the server takes in one {@code runs/log-batch}. */
  static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
  /** Most bytes gantrack puts in one request: the server allows 1 MB; this keeps room for the envelope. */
  static final int MAX_BATCH_BYTES = 900_000;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final String base; // e.g. http://host:5000 (no trailing '/')
  private final MlflowHostCredsProvider creds;
  private final HttpClient http;

  MlflowRest(String trackingUri, MlflowHostCredsProvider creds) {
    this.base = trackingUri;
    this.creds = creds;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Credentials from the environment: {@code MLFLOW_TRACKING_USERNAME} and {@code
   * MLFLOW_TRACKING_PASSWORD} (basic), else {@code MLFLOW_TRACKING_TOKEN} (bearer). Held in
   * memory only.
   */
  static MlflowHostCredsProvider credentials(String trackingUri, Map<String, String> env) {
    String user = blankToNull(env.get("MLFLOW_TRACKING_USERNAME"));
    String password = blankToNull(env.get("MLFLOW_TRACKING_PASSWORD"));
    String token = blankToNull(env.get("MLFLOW_TRACKING_TOKEN"));
    return new BasicMlflowHostCreds(trackingUri, user, password, token, false);
  }

  /** The secret strings of {@code creds}, to keep them out of anything recorded. */
  static List<String> secrets(MlflowHostCredsProvider creds) {
    MlflowHostCreds c = creds.getHostCreds();
    List<String> out = new ArrayList<>();
    if (c.getPassword() != null && c.getPassword().length() >= 4) {
      out.add(c.getPassword());
    }
    if (c.getToken() != null && c.getToken().length() >= 4) {
      out.add(c.getToken());
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  String trackingUri() {
    return base;
  }

  /** GET {@code /api/2.0/mlflow/<path>?query}. */
  @Override
  public JsonNode get(String path, Map<String, String> query) throws MlflowCallException {
    StringJoiner q = new StringJoiner("&", "?", "");
    q.setEmptyValue("");
    query.forEach((k, v) -> q.add(enc(k) + "=" + enc(v)));
    HttpRequest.Builder req = request("/api/2.0/mlflow/" + path + q, CALL_TIMEOUT).GET();
    return json(path, send(path, req.build()));
  }

  /** POST {@code /api/2.0/mlflow/<path>} with a JSON body. */
  @Override
  public JsonNode post(String path, ObjectNode body) throws MlflowCallException {
    byte[] bytes;
    try {
      bytes = Spool.JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest req = request("/api/2.0/mlflow/" + path, CALL_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
    return json(path, send(path, req));
  }

  /**
   * Uploads {@code file} through the server's artifact proxy to {@code <root>/<artifactPath>},
   * where {@code root} is the run's {@code artifact_uri} without {@code mlflow-artifacts:/}.
   */
  void putArtifact(String root, String artifactPath, Path file, long size) throws MlflowCallException {
    // Allow 1 MB/s on top of the usual timeout: run files may be large.
    Duration timeout = CALL_TIMEOUT.plusSeconds(size / 1_000_000);
    HttpRequest.BodyPublisher body;
    try {
      body = HttpRequest.BodyPublishers.ofFile(file);
    } catch (java.io.FileNotFoundException e) {
      throw new MlflowCallException(MlflowCallException.Kind.REJECTED, 0, "",
          "file " + file + " is gone", e);
    }
    String path = "/api/2.0/mlflow-artifacts/artifacts/" + encodePath(root + "/" + artifactPath);
    HttpRequest req = request(path, timeout)
        .header("Content-Type", "application/octet-stream")
        .PUT(body)
        .build();
    send("mlflow-artifacts (upload " + artifactPath + ")", req);
  }

  /** Uploads {@code content} through the artifact proxy to {@code <root>/<artifactPath>}. */
  void putArtifact(String root, String artifactPath, byte[] content) throws MlflowCallException {
    String path = "/api/2.0/mlflow-artifacts/artifacts/" + encodePath(root + "/" + artifactPath);
    HttpRequest req = request(path, CALL_TIMEOUT)
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
        .build();
    send("mlflow-artifacts (upload " + artifactPath + ")", req);
  }

  /** Downloads {@code <root>/<artifactPath>} through the artifact proxy. */
  byte[] getArtifact(String root, String artifactPath) throws MlflowCallException {
    String path = "/api/2.0/mlflow-artifacts/artifacts/" + encodePath(root + "/" + artifactPath);
    return send("mlflow-artifacts (download " + artifactPath + ")", request(path, CALL_TIMEOUT).GET().build());
  }

  /** GET /health: true when the server answers 200. */
  boolean healthy() {
    try {
      send("health", request("/health", Duration.ofSeconds(2)).GET().build());
      return true;
    } catch (MlflowCallException e) {
      return false;
    }
  }

  private HttpRequest.Builder request(String path, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(timeout)
        .header("User-Agent", "gantrack-mlflow");
    MlflowHostCreds c = creds.getHostCreds();
    if (c.getUsername() != null && c.getPassword() != null) {
      String basic = Base64.getEncoder().encodeToString(
          (c.getUsername() + ":" + c.getPassword()).getBytes(StandardCharsets.UTF_8));
      b.header("Authorization", "Basic " + basic);
    } else if (c.getToken() != null) {
      b.header("Authorization", "Bearer " + c.getToken());
    }
    return b;
  }

  private byte[] send(String what, HttpRequest req) throws MlflowCallException {
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException | ConnectException | UnknownHostException e) {
      throw new MlflowCallException(MlflowCallException.Kind.NOT_SENT, 0, "",
          what + ": cannot connect to " + base + " (" + describe(e) + ")", e);
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException || e.getCause() instanceof UnknownHostException) {
        throw new MlflowCallException(MlflowCallException.Kind.NOT_SENT, 0, "",
            what + ": cannot connect to " + base + " (" + describe(e) + ")", e);
      }
      throw new MlflowCallException(MlflowCallException.Kind.UNCERTAIN, 0, "",
          what + ": no answer from " + base + " (" + describe(e) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MlflowCallException(MlflowCallException.Kind.UNCERTAIN, 0, "",
          what + ": interrupted", e);
    }
    int status = resp.statusCode();
    if (status >= 200 && status < 300) {
      return resp.body();
    }
    if (status >= 300 && status < 400) {
      throw new MlflowCallException(MlflowCallException.Kind.REJECTED, status, "",
          what + ": HTTP " + status + ": the server redirects to "
              + resp.headers().firstValue("Location").orElse("another address")
              + "; set tracking-uri to the address it redirects to", null);
    }
    String body = new String(resp.body(), StandardCharsets.UTF_8);
    String code = "";
    String message = body.length() > 500 ? body.substring(0, 500) + "..." : body;
    try {
      JsonNode err = Spool.JSON.readTree(body);
      if (err != null && err.has("error_code")) {
        code = err.path("error_code").asText("");
        message = err.path("message").asText(message);
      }
    } catch (IOException notJson) {
      // keep the raw text
    }
    MlflowCallException.Kind kind = status == 408 || status == 429 || status >= 500
        ? MlflowCallException.Kind.UNCERTAIN
        : MlflowCallException.Kind.REJECTED;
    String text = what + ": HTTP " + status + (code.isEmpty() ? "" : " " + code) + ": " + message.strip();
    if (status == 401 || status == 403) {
      text += " (check MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)";
    }
    throw new MlflowCallException(kind, status, code, text, null);
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  private static JsonNode json(String what, byte[] body) throws MlflowCallException {
    try {
      JsonNode n = Spool.JSON.readTree(body);
      return n == null ? Spool.JSON.createObjectNode() : n;
    } catch (IOException e) {
      throw new MlflowCallException(MlflowCallException.Kind.UNCERTAIN, 200, "",
          what + ": the answer is not JSON (is the tracking URI an MLflow server?)", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Percent-encodes each '/'-separated segment. */
  static String encodePath(String path) {
    StringJoiner j = new StringJoiner("/");
    for (String segment : path.split("/", -1)) {
      j.add(enc(segment));
    }
    return j.toString();
  }
}
