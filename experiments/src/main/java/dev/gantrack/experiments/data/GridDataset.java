package dev.gantrack.experiments.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.gantrack.api.Checks;

/**
 * Dataset {@code grid}: 25 Gaussians with means {@code (x, y)} for x, y in {−4, −2, 0, 2, 4}
 * (x-major order) and standard deviation {@code sigma} (default 0.05, the 2D-grid of PacGAN). The
 * points are not rescaled; see {@link GaussianMixtureDataset}.
 */
public final class GridDataset extends GaussianMixtureDataset {
  /** The name in experiment files. */
  public static final String TYPE = "grid";

  /** The coordinates of the means along each axis. */
  private static final double[] AXIS = {-4, -2, 0, 2, 4};

  private final double sigma;

  /**
   * @param sigma standard deviation of each coordinate; null for 0.05
   */
  @JsonCreator
  public GridDataset(@JsonProperty("sigma") Double sigma) {
    this.sigma = Checks.range("sigma", sigma, 0.05, 0.001, 100);
  }

  @Override
  @JsonProperty("sigma")
  @JsonPropertyDescription("Standard deviation of each mode (per coordinate)")
  public double sigma() {
    return sigma;
  }

  @Override
  public double[][] means() {
    double[][] m = new double[AXIS.length * AXIS.length][];
    int k = 0;
    for (double x : AXIS) {
      for (double y : AXIS) {
        m[k++] = new double[] {x, y};
      }
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GridDataset g && sigma == g.sigma;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(sigma);
  }

  @Override
  public String toString() {
    return TYPE + "{sigma=" + sigma + "}";
  }
}
