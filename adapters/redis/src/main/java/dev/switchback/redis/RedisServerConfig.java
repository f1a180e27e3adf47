package dev.switchback.redis;

import io.smallrye.config.WithDefault;

/**
 * The settings of a backend that talks to one Redis server named by a URI: the shared client
 * settings of {@link RedisClientConfig} plus {@code uri}. The cache and session mappings of this
 * module extend it.
 */
public interface RedisServerConfig extends RedisClientConfig {

  /**
   * {@code uri}: the server, as {@code redis://[[user]:password@]host[:port][/database]} or
   * {@code rediss://...} for TLS; default {@value RedisUris#DEFAULT_URI}. The password, if any,
   * never appears in messages or logs.
   */
  @WithDefault(RedisUris.DEFAULT_URI)
  String uri();
}
