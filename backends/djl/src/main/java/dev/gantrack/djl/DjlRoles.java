package dev.gantrack.djl;

import dev.gantrack.api.Role;
import dev.gantrack.djl.spi.DjlLabelSmoothingSpec;
import dev.gantrack.djl.spi.DjlLossSpec;
import dev.gantrack.djl.spi.DjlNetworkSpec;
import dev.gantrack.djl.spi.DjlNoiseSpec;
import dev.gantrack.djl.spi.DjlPenaltySpec;
import dev.gantrack.djl.spi.DjlSpectralNormSpec;
import dev.gantrack.djl.spi.DjlTturSpec;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * For every role of the {@link Role} table, the interface of the DJL SPI a spec must also implement
 * for this backend to train it; empty for roles the host serves through the api alone (data,
 * metrics, health rules, trackers). A test keeps it complete.
 */
public final class DjlRoles {
  private static final Map<Role, Optional<Class<?>>> INTERFACES = new EnumMap<>(Role.class);

  static {
    INTERFACES.put(Role.DATASET, Optional.empty());
    INTERFACES.put(Role.GENERATOR, Optional.of(DjlNetworkSpec.class));
    INTERFACES.put(Role.DISCRIMINATOR, Optional.of(DjlNetworkSpec.class));
    INTERFACES.put(Role.LOSS, Optional.of(DjlLossSpec.class));
    INTERFACES.put(Role.PENALTY, Optional.of(DjlPenaltySpec.class));
    INTERFACES.put(Role.LABEL_SMOOTHING, Optional.of(DjlLabelSmoothingSpec.class));
    INTERFACES.put(Role.LATENT, Optional.of(DjlNoiseSpec.class));
    INTERFACES.put(Role.INSTANCE_NOISE, Optional.of(DjlNoiseSpec.class));
    INTERFACES.put(Role.TTUR, Optional.of(DjlTturSpec.class));
    INTERFACES.put(Role.SPECTRAL_NORM, Optional.of(DjlSpectralNormSpec.class));
    INTERFACES.put(Role.METRICS, Optional.empty());
    INTERFACES.put(Role.HEALTH, Optional.empty());
    INTERFACES.put(Role.TRACKERS, Optional.empty());
  }

  private DjlRoles() {}

  /** The DJL interface a spec of {@code role} must implement, if the role needs one. */
  public static Optional<Class<?>> interfaceOf(Role role) {
    Optional<Class<?>> found = INTERFACES.get(role);
    if (found == null) {
      throw new IllegalStateException("the DJL backend does not know role " + role.key());
    }
    return found;
  }
}
