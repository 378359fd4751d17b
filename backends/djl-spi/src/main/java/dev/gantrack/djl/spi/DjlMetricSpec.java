package dev.gantrack.djl.spi;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gantrack.api.PublicApi;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.run.RunServices;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A metric spec the DJL backend evaluates on the device (role {@code metrics}): FID, KID, IS and
 * the like, which run networks (a feature extractor) over generated and real samples. Metrics that
 * need only host floats implement {@link dev.gantrack.api.spec.HostMetricSpec} instead.
 *
 * <p>Call order: {@link #create} once, when the run is assembled (before the run folder exists; a
 * failure there is reported at the metric's field); {@link Metric#provenance()} once after that;
 * {@link Metric#evaluate} every {@code every} steps of the metric's own and at the last step, after
 * the step's G update and EMA update (from the trainer's {@code onStep}), or once from {@code
 * gantrack eval}; {@link Metric#close()} once at the end of the run, also when it failed or was
 * stopped. All calls are on the training thread, with gradient recording off.
 *
 * <p>Array lifetimes: arrays handed to a {@link Batches} callback live in a memory scope of their
 * own, closed when the callback returns (copy to the host, or into {@link Evaluation#manager()},
 * what you keep). Arrays made in {@link Evaluation#manager()} live until {@code evaluate} returns.
 * What a metric keeps across evaluations (network weights, reference statistics) it allocates in a
 * manager of its own, created from the run's {@code NDManager}, and frees in {@link Metric#close()}.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public interface DjlMetricSpec {
  /** Creates the metric for one run; {@code run} gives the run's services (the feature extractor among them). */
  Metric create(RunServices run);

  /** One run's metric. */
  interface Metric extends AutoCloseable {
    /** Named values, e.g. {@code fid}; names become metric keys of every tracker. */
    Map<String, Double> evaluate(Evaluation evaluation) throws IOException;

    /**
     * What makes the values comparable with another run's: implementation, sample count, feature
     * extractor and its weight hash; recorded as {@code gantrack.metric.<field>.<key>} tags.
     */
    default Map<String, String> provenance() {
      return Map.of();
    }

    /** Frees what the metric holds. */
    @Override
    default void close() {}
  }

  /** What one evaluation offers a metric. */
  interface Evaluation {
    /** The step being evaluated. */
    long step();

    /** The run's device. */
    Device device();

    /** A manager on the run's device for this evaluation, closed when {@code evaluate} returns. */
    NDManager manager();

    /**
     * Draws {@code n} fresh samples (N, ...data shape) from the generator (the EMA copy when there
     * is one) in inference mode, at most {@code batchSize} at a time, with random class labels for a
     * conditional G (else null), handing each batch to {@code batches} before drawing the next. From
     * {@code gantrack eval --grid}, the one batch is the sample grid's fixed latents whatever {@code n}.
     */
    void generated(int n, int batchSize, Batches batches) throws IOException;

    /**
     * One pass over the real data, in batches: every example in the data's order when it is finite
     * (the first {@code limit} when smaller), or {@code limit} examples drawn with a fixed seed
     * from endless data (the same ones every time).
     */
    void real(int limit, int batchSize, Batches batches) throws IOException;

    /** The real data (its fingerprint and folder key caches of reference statistics). */
    DataSource data();

    /** The run folder. */
    Path runDirectory();
  }

  /** Receives one batch on the device: examples (N, ...) in [-1, 1] and their labels (N), or null when unlabelled. */
  @FunctionalInterface
  interface Batches {
    void accept(NDArray x, NDArray labels) throws IOException;
  }
}
