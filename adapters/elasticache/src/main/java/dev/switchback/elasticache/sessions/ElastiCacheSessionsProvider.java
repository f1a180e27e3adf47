package dev.switchback.elasticache.sessions;

import dev.switchback.elasticache.ElastiCacheConnections;
import dev.switchback.elasticache.ElastiCacheSettings;
import dev.switchback.elasticache.internal.ConfiguredConnections;
import dev.switchback.redis.sessions.RedisSessions;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.sessions.spi.SessionsProvider;
import dev.switchback.spi.ProviderContext;
import dev.switchback.spi.support.SettingChecks;
import java.util.Optional;

/**
 * Makes session stores for {@code switchback.sessions.backend=elasticache}: the Redis module's
 * {@link RedisSessions} over an ElastiCache connection ({@link ElastiCacheConnections}),
 * configured by {@link ElastiCacheSessionsConfig}. A session is one hash under one key, so it
 * lives in one slot and cluster mode needs nothing more.
 */
public final class ElastiCacheSessionsProvider implements SessionsProvider {

  /** The backend name: {@code elasticache}. */
  public static final String NAME = "elasticache";

  /** The prefix of the settings. */
  public static final String PREFIX = "switchback.sessions.elasticache";

  /** Called by {@link java.util.ServiceLoader}. */
  public ElastiCacheSessionsProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Class<?>> configMapping() {
    return Optional.of(ElastiCacheSessionsConfig.class);
  }

  /**
   * A session store connected to the configured ElastiCache.
   *
   * @throws dev.switchback.ConfigurationException naming the key, for a missing, malformed or
   *     contradictory setting
   * @throws dev.switchback.BackendUnavailableException if the cache cannot be reached or refuses
   *     the TLS handshake or the credentials
   */
  @Override
  public SessionStore create(ProviderContext context) {
    ElastiCacheSessionsConfig config = context.config(ElastiCacheSessionsConfig.class);
    ElastiCacheSettings settings = ConfiguredConnections.settings(context, config, PREFIX);
    int maxSessionBytes =
        SettingChecks.atLeast(PREFIX + ".max-session-bytes", 1, config.maxSessionBytes());
    return RedisSessions.builder(ConfiguredConnections.connect(context, settings))
        .keyPrefix(config.keyPrefix())
        .maxSessionBytes(maxSessionBytes)
        .build();
  }
}
