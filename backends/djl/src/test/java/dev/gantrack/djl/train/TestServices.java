package dev.gantrack.djl.train;

import ai.djl.ndarray.NDManager;
import com.google.inject.Key;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.kernel.PtTensorKernels;
import dev.gantrack.djl.spi.run.TensorKernels;

/** Run services for tests that make one runtime piece outside a whole run. */
public final class TestServices {
  private TestServices() {}

  /** Services that bind nothing: for pieces that ask for none. */
  public static RunServices none() {
    return of(null);
  }

  /** Services that bind the engine's {@link TensorKernels} on {@code manager}, as a run does. */
  public static RunServices kernels(NDManager manager) {
    return of(new PtTensorKernels(manager));
  }

  /** Services that bind {@code kernels} (null: nothing). */
  public static RunServices of(TensorKernels kernels) {
    return new RunServices() {
      @Override
      public <T> T get(Class<T> type) {
        if (kernels != null && type == TensorKernels.class) {
          return type.cast(kernels);
        }
        throw new IllegalArgumentException("not bound in this test: " + type.getName());
      }

      @Override
      public <T> T get(Key<T> key) {
        return get((Class<T>) key.getTypeLiteral().getRawType());
      }
    };
  }
}
