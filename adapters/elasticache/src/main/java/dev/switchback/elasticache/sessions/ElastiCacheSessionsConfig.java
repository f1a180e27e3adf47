package dev.switchback.elasticache.sessions;

import dev.switchback.elasticache.ElastiCacheConfig;
import dev.switchback.redis.sessions.RedisSessions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the ElastiCache session store, under {@code switchback.sessions.elasticache}: those
 * of {@link ElastiCacheConfig}, the key prefix and the size bound of a session.
 */
@ConfigMapping(prefix = ElastiCacheSessionsProvider.PREFIX)
public interface ElastiCacheSessionsConfig extends ElastiCacheConfig {

  /**
   * {@code switchback.sessions.elasticache.key-prefix}: put in front of every session id; default
   * {@value RedisSessions#DEFAULT_KEY_PREFIX}.
   */
  @WithDefault(RedisSessions.DEFAULT_KEY_PREFIX)
  String keyPrefix();

  /**
   * {@code switchback.sessions.elasticache.max-session-bytes}: the most bytes the subject and
   * attributes of one session may take in UTF-8; positive, default {@value
   * RedisSessions#DEFAULT_MAX_SESSION_BYTES}.
   */
  @WithDefault("409600")
  int maxSessionBytes();
}
