package dev.switchback.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.config.SwitchbackConfig;
import io.smallrye.config.SmallRyeConfig;
import java.util.Map;

/**
 * Configuration that has been read and validated: the SmallRye instance (with every selected
 * backend's mapping registered), Switchback's own mapping, and the providers chosen.
 *
 * @param config the SmallRye configuration providers read their mappings from
 * @param switchback the {@code switchback.*} mapping
 * @param choices the providers chosen, for every capability
 * @param groupPrefixes the prefixes of the shared configuration groups, by mapping interface
 */
public record ReadConfiguration(
    SmallRyeConfig config,
    SwitchbackConfig switchback,
    Map<Capability, BackendChoice> choices,
    Map<Class<?>, String> groupPrefixes) {

  public ReadConfiguration {
    requireNonNull(config, "config");
    requireNonNull(switchback, "switchback");
    choices = Map.copyOf(choices);
    groupPrefixes = Map.copyOf(groupPrefixes);
  }

  /** The choice for {@code capability}. */
  public BackendChoice choice(Capability capability) {
    return choices.get(capability);
  }
}
