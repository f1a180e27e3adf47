package dev.switchback.redis.sessions;

import dev.switchback.ConfigurationException;
import dev.switchback.redis.LettuceResources;
import dev.switchback.redis.RedisClientSettings;
import dev.switchback.redis.RedisUris;
import dev.switchback.redis.StandaloneRedisConnection;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.sessions.spi.SessionsProvider;
import dev.switchback.spi.ProviderContext;
import dev.switchback.spi.support.SettingChecks;
import java.util.Optional;

/**
 * Makes {@link RedisSessions} for {@code switchback.sessions.backend=redis}, configured by {@link
 * RedisSessionsConfig}, on the Lettuce resources the instance shares ({@link LettuceResources}).
 */
public final class RedisSessionsProvider implements SessionsProvider {

  /** The backend name: {@code redis}. */
  public static final String NAME = "redis";

  /** The prefix of the settings. */
  public static final String PREFIX = "switchback.sessions.redis";

  /** Called by {@link java.util.ServiceLoader}. */
  public RedisSessionsProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Class<?>> configMapping() {
    return Optional.of(RedisSessionsConfig.class);
  }

  /**
   * A store connected to the configured server.
   *
   * @throws ConfigurationException naming the key, for a malformed URI or a value out of range
   * @throws dev.switchback.BackendUnavailableException if the server cannot be reached
   */
  @Override
  public SessionStore create(ProviderContext context) {
    RedisSessionsConfig config = context.config(RedisSessionsConfig.class);
    var uri = RedisUris.parse(PREFIX + ".uri", config.uri());
    var settings = RedisClientSettings.fromConfig(config, PREFIX);
    int maxSessionBytes =
        SettingChecks.atLeast(PREFIX + ".max-session-bytes", 1, config.maxSessionBytes());
    var connection =
        StandaloneRedisConnection.open(
            LettuceResources.shared(context.resources()), uri, settings);
    return RedisSessions.builder(connection)
        .keyPrefix(config.keyPrefix())
        .maxSessionBytes(maxSessionBytes)
        .build();
  }
}
