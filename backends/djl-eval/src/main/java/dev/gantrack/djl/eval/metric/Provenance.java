package dev.gantrack.djl.eval.metric;

import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** The provenance every built-in metric records: what computed it, on how many samples, with which extractor. */
final class Provenance {
  private Provenance() {}

  /** {@code implementation}, {@code samples}, {@code reference} (real examples, 0 for none), the extractor and its weights' hash, then {@code extra}. */
  static Map<String, String> of(String implementation, int samples, int reference,
      DjlFeatureExtractorSpec.FeatureExtractor extractor, Map<String, String> extra) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("implementation", implementation + "; gantrack-djl-eval");
    out.put("samples", Integer.toString(samples));
    if (reference > 0) {
      out.put("reference_samples", Integer.toString(reference));
    }
    if (extractor != null) {
      out.put("extractor", extractor.name());
      out.put("extractor_sha256", extractor.weightsHash());
    }
    out.putAll(extra);
    return out;
  }
}
