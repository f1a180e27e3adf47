package dev.switchback.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.spi.AdapterProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The adapter providers on the classpath, per capability, and selection by name with the errors
 * a user can act on: an unknown name lists the accepted values, a known name whose module is
 * missing names the artifact to add.
 */
public final class BackendCatalog {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final Map<Capability, Map<String, AdapterProvider<?>>> providers;

  private BackendCatalog(Map<Capability, Map<String, AdapterProvider<?>>> providers) {
    this.providers = providers;
  }

  /**
   * Finds every provider registered in {@code META-INF/services} for the six provider interfaces.
   *
   * @throws ConfigurationException if a provider cannot be loaded, has an invalid name, or two
   *     providers of one capability share a name
   */
  public static BackendCatalog discover(ClassLoader loader) {
    requireNonNull(loader, "loader");
    Map<Capability, Collection<? extends AdapterProvider<?>>> found =
        new EnumMap<>(Capability.class);
    for (Capability capability : Capability.values()) {
      Class<? extends AdapterProvider<?>> type = CapabilityTypes.providerType(capability);
      List<AdapterProvider<?>> list = new ArrayList<>();
      try {
        for (AdapterProvider<?> provider : ServiceLoader.load(type, loader)) {
          list.add(provider);
        }
      } catch (ServiceConfigurationError e) {
        throw new ConfigurationException(
            "could not load a " + type.getName() + " from META-INF/services: " + e.getMessage(), e);
      }
      found.put(capability, list);
    }
    return of(found);
  }

  /**
   * A catalog of the given providers.
   *
   * @throws ConfigurationException on an invalid or duplicate name
   */
  public static BackendCatalog of(Map<Capability, ? extends Collection<? extends AdapterProvider<?>>> found) {
    Map<Capability, Map<String, AdapterProvider<?>>> byCapability = new EnumMap<>(Capability.class);
    for (Capability capability : Capability.values()) {
      Map<String, AdapterProvider<?>> byName = new TreeMap<>();
      Collection<? extends AdapterProvider<?>> candidates = found.get(capability);
      for (AdapterProvider<?> provider : candidates == null ? List.<AdapterProvider<?>>of() : candidates) {
        String name = provider.name();
        if (name == null || !NAME.matcher(name).matches()) {
          throw new ConfigurationException(provider.getClass().getName() + " has the invalid "
              + capability.key() + " backend name '" + name
              + "'; names are lower-case letters, digits and '-'");
        }
        AdapterProvider<?> previous = byName.putIfAbsent(name, provider);
        if (previous != null) {
          throw new ConfigurationException("two " + capability.key() + " backends are named '"
              + name + "': " + previous.getClass().getName() + " and "
              + provider.getClass().getName() + "; keep one module per backend on the classpath");
        }
      }
      byCapability.put(capability, byName);
    }
    return new BackendCatalog(byCapability);
  }

  /** The providers found for {@code capability}, ordered by name. */
  public List<AdapterProvider<?>> providers(Capability capability) {
    return List.copyOf(providers.get(capability).values());
  }

  /** The provider named {@code name} (case-insensitive) for {@code capability}, if present. */
  public Optional<AdapterProvider<?>> find(Capability capability, String name) {
    return Optional.ofNullable(providers.get(capability).get(normalize(name)));
  }

  /**
   * The provider named {@code name} for {@code capability}, which configuration key {@code key}
   * chose.
   *
   * @throws ConfigurationException naming {@code key}: with the artifact to add for a known
   *     backend whose module is absent, else with the accepted values
   */
  public AdapterProvider<?> select(Capability capability, String name, String key) {
    Optional<AdapterProvider<?>> provider = find(capability, name);
    if (provider.isPresent()) {
      return provider.get();
    }
    String normalized = normalize(name);
    if (KnownBackends.names(capability).contains(normalized)) {
      throw new ConfigurationException(key + "=" + normalized + " needs the module "
          + KnownBackends.artifact(normalized) + " on the classpath");
    }
    throw new ConfigurationException("Unrecognized value for " + key + ": " + name.trim()
        + "; accepted values: " + String.join(", ", acceptedNames(capability)));
  }

  /** The names Switchback ships for {@code capability}, then any other provider found. */
  public List<String> acceptedNames(Capability capability) {
    List<String> names = new ArrayList<>(KnownBackends.names(capability));
    for (String discovered : providers.get(capability).keySet()) {
      if (!names.contains(discovered)) {
        names.add(discovered);
      }
    }
    return names;
  }

  private static String normalize(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }
}
