package dev.gantrack.djl.spi.listener;

import ai.djl.ndarray.NDArray;
import dev.gantrack.api.PublicApi;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one step produced: its values as device scalars ({@code d_loss}, {@code g_loss}, {@code
 * d_real}, {@code d_fake}, and each penalty and {@code d_loss_total} when there are penalties), and
 * the host-side schedule values ({@code lr_g}, {@code lr_d}, {@code instance_noise_sigma}). Reading
 * {@link #hostValues()} copies the device values to the host, a device sync: do it only at your
 * cadence; the copy is made once per step and shared by every listener that asks.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public final class StepOutcome {
  private final long step;
  private final long totalSteps;
  private final Map<String, NDArray> values;
  private final Map<String, Double> schedules;
  private Map<String, Double> host;

  public StepOutcome(long step, long totalSteps, Map<String, NDArray> values, Map<String, Double> schedules) {
    this.step = step;
    this.totalSteps = totalSteps;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.schedules = Collections.unmodifiableMap(new LinkedHashMap<>(schedules));
  }

  /** The step (1-based). */
  public long step() {
    return step;
  }

  /** The steps the run is to make. */
  public long totalSteps() {
    return totalSteps;
  }

  /** True for the run's last step. */
  public boolean last() {
    return step == totalSteps;
  }

  /** True when {@code every} > 0 and the step is a multiple of it, or it is the last step. */
  public boolean atCadence(long every) {
    return (every > 0 && step % every == 0) || last();
  }

  /** The step's values, device scalars of the step's scope. */
  public Map<String, NDArray> values() {
    return values;
  }

  /** Learning rates and other schedule values at this step, already on the host. */
  public Map<String, Double> schedules() {
    return schedules;
  }

  /** The step's values copied to the host (one device sync per step, shared by all who ask). */
  public Map<String, Double> hostValues() {
    if (host == null) {
      Map<String, Double> m = new LinkedHashMap<>();
      values.forEach((k, v) -> m.put(k, (double) v.getFloat()));
      host = Collections.unmodifiableMap(m);
    }
    return host;
  }
}
