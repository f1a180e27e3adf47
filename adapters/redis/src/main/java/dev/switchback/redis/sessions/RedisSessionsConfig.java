package dev.switchback.redis.sessions;

import dev.switchback.redis.RedisServerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the Redis session store, under {@code switchback.sessions.redis}: the server and
 * client settings of {@link RedisServerConfig} ({@code uri}, {@code command-timeout}, {@code
 * connect-timeout}, {@code keepalive.*}, {@code request-queue-size}, {@code
 * disconnected-behavior}, {@code auto-reconnect}), the key prefix and the size bound.
 */
@ConfigMapping(prefix = "switchback.sessions.redis")
public interface RedisSessionsConfig extends RedisServerConfig {

  /**
   * {@code switchback.sessions.redis.key-prefix}: put in front of every session id in Redis;
   * default {@value RedisSessions#DEFAULT_KEY_PREFIX}.
   */
  @WithDefault(RedisSessions.DEFAULT_KEY_PREFIX)
  String keyPrefix();

  /**
   * {@code switchback.sessions.redis.max-session-bytes}: the most bytes the subject and
   * attributes of one session may take in UTF-8; a positive number, default {@value
   * RedisSessions#DEFAULT_MAX_SESSION_BYTES}.
   */
  @WithDefault("409600")
  int maxSessionBytes();
}
