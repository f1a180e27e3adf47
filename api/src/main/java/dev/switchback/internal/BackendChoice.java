package dev.switchback.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.spi.AdapterProvider;
import java.util.List;
import java.util.Optional;

/**
 * The providers configuration chose for one capability.
 *
 * @param capability the capability
 * @param configured whether {@code backend} or {@code migration.target} is set, so the
 *     capability is created at start rather than on first use
 * @param backend the provider of the configured backend, else of the default backend when its
 *     module is present; empty when there is neither
 * @param target the provider of {@code migration.target}; empty when no migration is configured
 * @param acceptedNames the backend names accepted for this capability, for messages
 */
public record BackendChoice(
    Capability capability,
    boolean configured,
    Optional<AdapterProvider<?>> backend,
    Optional<AdapterProvider<?>> target,
    List<String> acceptedNames) {

  public BackendChoice {
    requireNonNull(capability, "capability");
    requireNonNull(backend, "backend");
    requireNonNull(target, "target");
    acceptedNames = List.copyOf(acceptedNames);
  }

  /** The configuration key that names the backend, for example {@code switchback.cache.backend}. */
  public String backendKey() {
    return capability.prefix() + ".backend";
  }

  /** The configuration key that names the migration target. */
  public String targetKey() {
    return capability.prefix() + ".migration.target";
  }

  /**
   * The provider of the backend (the old one in a migration).
   *
   * @throws ConfigurationException naming the backend key when no backend is configured and
   *     there is no usable default
   */
  public AdapterProvider<?> requireBackend() {
    if (backend.isPresent()) {
      return backend.get();
    }
    Optional<String> fallback = KnownBackends.defaultName(capability);
    if (fallback.isEmpty()) {
      throw new ConfigurationException(backendKey() + " is not set and the " + capability.key()
          + " has no default backend; accepted values: " + String.join(", ", acceptedNames));
    }
    throw new ConfigurationException(backendKey() + " is not set and the default backend "
        + fallback.get() + " needs the module " + KnownBackends.artifact(fallback.get())
        + " on the classpath; add it or set " + backendKey() + " (accepted values: "
        + String.join(", ", acceptedNames) + ")");
  }
}
