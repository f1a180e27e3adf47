package dev.switchback.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.spi.ProviderContext;
import dev.switchback.spi.SharedResources;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.config.SmallRyeConfig;
import java.util.Map;

/**
 * The {@link ProviderContext} given to one provider for one instance.
 *
 * @param capability the capability being created
 * @param role {@code primary}, or {@code old} / {@code new} in a migration
 * @param config the configuration, with the provider's mapping registered
 * @param mappingPrefixes the mappings this provider may read and their prefixes: its own and the
 *     shared groups
 * @param openTelemetry the tracing instance's, or a no-op one
 * @param resources the shared resources of the owning {@code Switchback}
 */
public record CapabilityContext(
    Capability capability,
    String role,
    SmallRyeConfig config,
    Map<Class<?>, String> mappingPrefixes,
    OpenTelemetry openTelemetry,
    SharedResources resources)
    implements ProviderContext {

  /** The role of an instance without a migration. */
  public static final String PRIMARY = "primary";

  /** The role of the backend a migration moves away from. */
  public static final String OLD = "old";

  /** The role of the backend a migration moves to. */
  public static final String NEW = "new";

  public CapabilityContext {
    requireNonNull(capability, "capability");
    requireNonNull(role, "role");
    requireNonNull(config, "config");
    mappingPrefixes = Map.copyOf(mappingPrefixes);
    requireNonNull(openTelemetry, "openTelemetry");
    requireNonNull(resources, "resources");
  }

  /**
   * {@inheritDoc}
   *
   * @throws ConfigurationException if {@code mapping} is neither the provider's declared mapping
   *     nor a shared group
   */
  @Override
  public <C> C config(Class<C> mapping) {
    requireNonNull(mapping, "mapping");
    String prefix = mappingPrefixes.get(mapping);
    if (prefix == null) {
      throw new ConfigurationException(mapping.getName() + " is not a configuration mapping the "
          + capability.key() + " provider declared in AdapterProvider.configMapping(), nor a"
          + " shared group; accepted mappings: " + mappingPrefixes.keySet().stream()
              .map(Class::getName).sorted().toList());
    }
    return config.getConfigMapping(mapping, prefix);
  }
}
