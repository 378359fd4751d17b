package dev.gantrack.djl.builtins;

import com.google.inject.Key;
import dev.gantrack.api.run.RunServices;

/** Run services that bind nothing, for tests of a built-in piece that asks for none. */
public final class NoServices implements RunServices {
  /** The one instance. */
  public static final NoServices INSTANCE = new NoServices();

  private NoServices() {}

  @Override
  public <T> T get(Class<T> type) {
    throw new IllegalArgumentException("not bound in this test: " + type.getName());
  }

  @Override
  public <T> T get(Key<T> key) {
    throw new IllegalArgumentException("not bound in this test: " + key);
  }
}
