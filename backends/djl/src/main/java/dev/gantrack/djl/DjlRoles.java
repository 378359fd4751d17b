package dev.gantrack.djl;

import dev.gantrack.api.Role;
import dev.gantrack.api.spec.HostMetricSpec;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.DjlMetricSpec;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.DjlNoiseSpec;
import dev.gantrack.djl.spi.DjlPenaltySpec;
import dev.gantrack.djl.spi.DjlSpectralNormSpec;
import dev.gantrack.djl.spi.DjlTturSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * For every role of the {@link Role} table, the interfaces a spec must implement one of for this
 * backend to train it (a DJL SPI interface, or for metrics also the api's host-side one); empty for
 * roles the host serves through the api alone (data, health rules, trackers). A test keeps it complete.
 */
public final class DjlRoles {
  private static final Map<Role, List<Class<?>>> INTERFACES = new EnumMap<>(Role.class);

  static {
    INTERFACES.put(Role.DATASET, List.of());
    INTERFACES.put(Role.GENERATOR, List.of(DjlNetworkSpec.class));
    INTERFACES.put(Role.DISCRIMINATOR, List.of(DjlNetworkSpec.class));
    INTERFACES.put(Role.LOSS, List.of(DjlLossSpec.class));
    INTERFACES.put(Role.PENALTY, List.of(DjlPenaltySpec.class));
    INTERFACES.put(Role.LABEL_SMOOTHING, List.of(DjlLabelSmoothingSpec.class));
    INTERFACES.put(Role.LATENT, List.of(DjlNoiseSpec.class));
    INTERFACES.put(Role.INSTANCE_NOISE, List.of(DjlNoiseSpec.class));
    INTERFACES.put(Role.TTUR, List.of(DjlTturSpec.class));
    INTERFACES.put(Role.SPECTRAL_NORM, List.of(DjlSpectralNormSpec.class));
    INTERFACES.put(Role.METRICS, List.of(DjlMetricSpec.class, HostMetricSpec.class));
    INTERFACES.put(Role.HEALTH, List.of());
    INTERFACES.put(Role.TRACKERS, List.of());
    INTERFACES.put(Role.FEATURE_EXTRACTOR, List.of(DjlFeatureExtractorSpec.class));
  }

  private DjlRoles() {}

  /** The interfaces a spec of {@code role} must implement one of; empty when the role needs none. */
  public static List<Class<?>> interfacesOf(Role role) {
    List<Class<?>> found = INTERFACES.get(role);
    if (found == null) {
      throw new IllegalStateException("the DJL backend does not know role " + role.key());
    }
    return found;
  }
}
