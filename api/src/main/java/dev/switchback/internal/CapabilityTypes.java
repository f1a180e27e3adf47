package dev.switchback.internal;

import dev.switchback.Capability;
import dev.switchback.auth.Auth;
import dev.switchback.auth.spi.AuthProvider;
import dev.switchback.cache.Cache;
import dev.switchback.cache.spi.CacheProvider;
import dev.switchback.database.Database;
import dev.switchback.database.spi.DatabaseProvider;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.spi.MessagingProvider;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.sessions.spi.SessionsProvider;
import dev.switchback.spi.AdapterProvider;
import dev.switchback.tracing.spi.TracingBackend;
import dev.switchback.tracing.spi.TracingProvider;

/** Which provider interface and which product type belong to each capability. */
public final class CapabilityTypes {
  private CapabilityTypes() {}

  /** The {@link java.util.ServiceLoader} interface whose implementations make {@code capability}. */
  public static Class<? extends AdapterProvider<?>> providerType(Capability capability) {
    switch (capability) {
      case CACHE:
        return CacheProvider.class;
      case SESSIONS:
        return SessionsProvider.class;
      case MESSAGING:
        return MessagingProvider.class;
      case AUTH:
        return AuthProvider.class;
      case TRACING:
        return TracingProvider.class;
      case DATABASE:
        return DatabaseProvider.class;
      default:
        throw new IllegalArgumentException("unknown capability " + capability);
    }
  }

  /** What a provider of {@code capability} makes. */
  public static Class<?> productType(Capability capability) {
    switch (capability) {
      case CACHE:
        return Cache.class;
      case SESSIONS:
        return SessionStore.class;
      case MESSAGING:
        return Messaging.class;
      case AUTH:
        return Auth.class;
      case TRACING:
        return TracingBackend.class;
      case DATABASE:
        return Database.class;
      default:
        throw new IllegalArgumentException("unknown capability " + capability);
    }
  }
}
