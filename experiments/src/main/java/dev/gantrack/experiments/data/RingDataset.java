package dev.gantrack.experiments.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;
import java.util.Objects;

/**
 * Dataset {@code ring}: 8 Gaussians with means {@code radius · (cos 2πi/8, sin 2πi/8)}, i = 0..7,
 * and standard deviation {@code sigma} (defaults 1 and 0.01, the 2D-ring of PacGAN). The points
 * are not rescaled; see {@link GaussianMixtureDataset}.
 */
public final class RingDataset extends GaussianMixtureDataset {
  /** The name in experiment files. */
  public static final String TYPE = "ring";

  /** Number of modes on the ring. */
  public static final int MODES = 8;

  private final double sigma;
  private final double radius;

  /**
   * @param sigma standard deviation of each coordinate; null for 0.01
   * @param radius distance of the means from the origin; null for 1
   */
  @JsonCreator
  public RingDataset(@JsonProperty("sigma") Double sigma, @JsonProperty("radius") Double radius) {
    this.sigma = Checks.range("sigma", sigma, 0.01, 0.001, 100);
    this.radius = Checks.range("radius", radius, 1, 0.001, 1000);
  }

  @Override
  @JsonProperty("sigma")
  @JsonPropertyDescription("Standard deviation of each mode (per coordinate)")
  public double sigma() {
    return sigma;
  }

  /** Distance of the means from the origin. */
  @JsonProperty("radius")
  @JsonPropertyDescription("Radius of the circle the 8 means lie on")
  public double radius() {
    return radius;
  }

  @Override
  public double[][] means() {
    double[][] m = new double[MODES][];
    for (int i = 0; i < MODES; i++) {
      double a = 2 * Math.PI * i / MODES;
      m[i] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RingDataset r && sigma == r.sigma && radius == r.radius;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sigma, radius);
  }

  @Override
  public String toString() {
    return TYPE + "{sigma=" + sigma + ", radius=" + radius + "}";
  }
}
