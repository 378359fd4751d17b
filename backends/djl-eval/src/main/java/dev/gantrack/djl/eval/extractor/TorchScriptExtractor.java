package dev.gantrack.djl.eval.extractor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.spec.FeatureExtractorSpec;
import dev.gantrack.api.spec.FileOption;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import java.util.List;
import java.util.Locale;

/**
 * Feature extractor {@code torchscript}: any TorchScript file (e.g. pytorch-fid's Inception network,
 * exported with {@code torch.jit.script} or {@code trace}), run through DJL's PyTorch engine. Images
 * (scaled to [-1, 1] as gantrack holds them) are converted to {@code channels} (grey repeated to
 * RGB, or RGB averaged to grey), resized to {@code input-size} squares (bilinear with antialiasing, as PIL resizes), mapped linearly onto
 * {@code input-range}, then normalised per channel by {@code mean} and {@code std} when given. Output
 * {@code features-output} of the module (flattened per example) gives the features; output {@code
 * logits-output}, when set, gives logits whose softmax are the class probabilities. The file's SHA-256
 * is recorded with every value; {@code sha256} refuses a file with another hash.
 */
public record TorchScriptExtractor(
    @JsonProperty("path") String path,
    @JsonProperty("sha256") String sha256,
    @JsonProperty("input-size") Integer inputSize,
    @JsonProperty("channels") Integer channels,
    @JsonProperty("input-range") List<Double> inputRange,
    @JsonProperty("mean") List<Double> mean,
    @JsonProperty("std") List<Double> std,
    @JsonProperty("features-output") Integer featuresOutput,
    @JsonProperty("logits-output") Integer logitsOutput) implements FeatureExtractorSpec, DjlFeatureExtractorSpec {
  /** The name in experiment files. */
  public static final String TYPE = "torchscript";

  @JsonCreator
  public TorchScriptExtractor {
    path = Checks.required("path", path);
    if (path.isBlank()) {
      throw new InvalidOptionException("path", "empty; allowed a path to a TorchScript file");
    }
    if (sha256 != null && !sha256.toLowerCase(Locale.ROOT).matches("[0-9a-f]{64}")) {
      throw new InvalidOptionException("sha256", "'" + sha256 + "' is not a SHA-256 (64 hex digits)");
    }
    sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
    inputSize = Checks.optionalRange("input-size", inputSize, 1, 4096);
    channels = Checks.optionalRange("channels", channels, 1, 3);
    if (channels != null && channels == 2) {
      throw new InvalidOptionException("channels", "2 is not allowed; allowed: 1 (grey) or 3 (RGB)");
    }
    inputRange = inputRange == null ? List.of(0.0, 1.0) : List.copyOf(inputRange);
    if (inputRange.size() != 2 || !(inputRange.get(0) < inputRange.get(1))) {
      throw new InvalidOptionException("input-range", inputRange + " is not allowed; allowed: [low, high] with low < high");
    }
    mean = mean == null ? null : List.copyOf(mean);
    std = std == null ? null : List.copyOf(std);
    if ((mean == null) != (std == null) || mean != null && mean.size() != std.size()) {
      throw new InvalidOptionException(mean == null ? "mean" : "std", "mean and std go together, one value per channel each");
    }
    if (std != null && std.stream().anyMatch(s -> !(s > 0))) {
      throw new InvalidOptionException("std", std + " is not allowed; every value must be > 0");
    }
    featuresOutput = Checks.range("features-output", featuresOutput, 0, 0, 64);
    logitsOutput = Checks.optionalRange("logits-output", logitsOutput, 0, 64);
  }

  @Override
  @FileOption
  @JsonProperty("path")
  @JsonPropertyDescription("TorchScript file (.pt); relative to the experiment file")
  public String path() {
    return path;
  }

  @Override
  @JsonProperty("sha256")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyDescription("the file's expected SHA-256; a file with another is refused")
  public String sha256() {
    return sha256;
  }

  @Override
  @JsonProperty("input-size")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyDescription("resize images to this many pixels square (bilinear, antialiased), e.g. 299 for Inception; leave out to keep")
  public Integer inputSize() {
    return inputSize;
  }

  @Override
  @JsonProperty("channels")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyDescription("channels the network takes: 3 repeats grey images, 1 averages RGB; leave out to keep")
  public Integer channels() {
    return channels;
  }

  @Override
  @JsonProperty("input-range")
  @JsonPropertyDescription("the value range the network expects; gantrack's [-1, 1] is mapped onto it")
  public List<Double> inputRange() {
    return inputRange;
  }

  @Override
  @JsonProperty("mean")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyDescription("per-channel mean subtracted after the range mapping (e.g. ImageNet's), with std")
  public List<Double> mean() {
    return mean;
  }

  @Override
  @JsonProperty("std")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyDescription("per-channel standard deviation divided by after subtracting mean")
  public List<Double> std() {
    return std;
  }

  @Override
  @JsonProperty("features-output")
  @JsonPropertyDescription("which of the module's outputs holds the features (flattened per example)")
  public Integer featuresOutput() {
    return featuresOutput;
  }

  @Override
  @JsonProperty("logits-output")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyDescription("which output holds class logits (for IS and class coverage); leave out when there are none")
  public Integer logitsOutput() {
    return logitsOutput;
  }

  @Override
  public FeatureExtractor create(RunServices run) {
    return TorchScriptNetwork.load(this, run.get(RunContext.class).plugins().resolve(path), run);
  }
}
