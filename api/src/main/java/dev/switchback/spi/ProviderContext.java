package dev.switchback.spi;

import dev.switchback.Capability;
import io.opentelemetry.api.OpenTelemetry;

/** What a provider gets to create its backend with. */
public interface ProviderContext {

  /** The capability being created. */
  Capability capability();

  /**
   * The role of the instance being created: {@code primary} for a capability without a
   * migration, {@code old} or {@code new} for the two sides of one. Useful in metric names and
   * logs; two instances of the same backend differ by role.
   */
  String role();

  /** The provider's configuration mapping, as declared by {@link AdapterProvider#configMapping()}. */
  <C> C config(Class<C> mapping);

  /** The OpenTelemetry instance to instrument with; a no-op one when tracing is not set up. */
  OpenTelemetry openTelemetry();

  /** Resources shared by every adapter of one {@code Switchback} instance. */
  SharedResources resources();
}
