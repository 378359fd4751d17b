package dev.gantrack.trackers;

import com.google.inject.Key;
import dev.gantrack.api.PluginContext;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.api.track.Tracker;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** The run services a tracker spec may ask for, for tests that create trackers outside a run: a {@link RunContext} only. */
public final class TestRunServices {
  private TestRunServices() {}

  /** Services whose {@link RunContext} resolves plugin paths against {@code base} and writes runs to {@code base}. */
  public static RunServices at(Path base) {
    RunContext context = new RunContext() {
      @Override public Path runDirectory() { return base; }
      @Override public Tracker tracker() { throw new UnsupportedOperationException(); }
      @Override public PluginContext plugins() { return PluginContext.at(base); }
      @Override public BooleanSupplier cancelled() { return () -> false; }
    };
    return new RunServices() {
      @Override
      public <T> T get(Class<T> type) {
        if (type == RunContext.class) {
          return type.cast(context);
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
