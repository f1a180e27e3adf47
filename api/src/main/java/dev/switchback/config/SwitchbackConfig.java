package dev.switchback.config;

import dev.switchback.Capability;
import io.smallrye.config.ConfigMapping;

/**
 * Everything under {@code switchback.}: one group per capability, the control source that moves
 * migration stages, and the tracing service name. Works with or without Quarkus:
 *
 * <pre>{@code
 * SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources()
 *     .withMapping(SwitchbackConfig.class).build();
 * SwitchbackConfig switchback = config.getConfigMapping(SwitchbackConfig.class);
 * }</pre>
 *
 * <p>Keys are kebab-case ({@code switchback.cache.migration.canary-percent}); environment
 * variables use the usual SmallRye form ({@code SWITCHBACK_CACHE_BACKEND}). Backend settings live
 * under {@code switchback.<capability>.<backend>.} in the mapping the backend's provider
 * declares. Ranges are not checked by SmallRye: {@link SwitchbackConfigValidator} checks them.
 */
@ConfigMapping(prefix = "switchback")
public interface SwitchbackConfig {

  /** The prefix of every Switchback key. */
  String PREFIX = "switchback";

  /** {@code switchback.cache.*}. */
  CapabilityConfig cache();

  /** {@code switchback.sessions.*}. */
  CapabilityConfig sessions();

  /** {@code switchback.messaging.*}, whose migration adds de-duplication settings. */
  MessagingConfig messaging();

  /** {@code switchback.auth.*}. */
  CapabilityConfig auth();

  /** {@code switchback.tracing.*}, which adds the service name to the common keys. */
  TracingConfig tracing();

  /** {@code switchback.database.*}. */
  CapabilityConfig database();

  /** {@code switchback.control.*}: where stage changes come from at run time. */
  ControlConfig control();

  /** The group of {@code capability}. */
  default CapabilityConfig capability(Capability capability) {
    switch (capability) {
      case CACHE:
        return cache();
      case SESSIONS:
        return sessions();
      case MESSAGING:
        return messaging();
      case AUTH:
        return auth();
      case TRACING:
        return tracing();
      case DATABASE:
        return database();
      default:
        throw new IllegalArgumentException("unknown capability " + capability);
    }
  }
}
