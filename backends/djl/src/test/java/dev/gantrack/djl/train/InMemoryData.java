package dev.gantrack.djl.train;

import dev.gantrack.api.PluginContext;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.data.DataSource;
import dev.gantrack.api.spec.DatasetSpec;

/** Test data that is its own dataset spec and source: nothing to read, nothing to open. */
public interface InMemoryData extends DatasetSpec, DataSource {
  @Override
  default DataShape describe(PluginContext context) {
    return shape();
  }

  @Override
  default DataSource open(PluginContext context) {
    return this;
  }
}
