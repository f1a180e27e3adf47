package dev.switchback.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;

/**
 * A backend {@link CapabilityInstances} created.
 *
 * @param role {@link CapabilityContext#PRIMARY}, {@link CapabilityContext#OLD} or {@link
 *     CapabilityContext#NEW}
 * @param name the provider's name
 * @param instance what the provider created
 */
public record CreatedBackend(Capability capability, String role, String name, Object instance) {

  public CreatedBackend {
    requireNonNull(capability, "capability");
    requireNonNull(role, "role");
    requireNonNull(name, "name");
    requireNonNull(instance, "instance");
  }
}
