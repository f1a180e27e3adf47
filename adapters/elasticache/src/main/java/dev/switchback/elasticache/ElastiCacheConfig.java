package dev.switchback.elasticache;

import dev.switchback.config.DurationConverter;
import dev.switchback.config.StrictBooleanConverter;
import dev.switchback.redis.RedisClientConfig;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of an ElastiCache (Redis OSS or Valkey) backend, shared by the cache and the
 * session store: where the cache is, whether it runs in cluster mode, TLS, how to authenticate,
 * and the Lettuce client settings of {@link RedisClientConfig} ({@code command-timeout}, {@code
 * connect-timeout}, {@code keepalive.*}, {@code request-queue-size}, {@code
 * disconnected-behavior}, {@code auto-reconnect}). Not a mapping of its own: the cache's and the
 * session store's mappings extend it, so the keys sit under {@code
 * switchback.cache.elasticache.} and {@code switchback.sessions.elasticache.}. {@link
 * ElastiCacheSettings#fromConfig} checks the values.
 */
public interface ElastiCacheConfig extends RedisClientConfig {

  /**
   * {@code endpoint}: {@code host:port} of the cache: the configuration endpoint in cluster mode,
   * the primary endpoint otherwise. Required.
   */
  Optional<String> endpoint();

  /**
   * {@code cluster-mode}: {@code enabled} (a cluster client that follows the slot map) or {@code
   * disabled} (one primary); default {@code disabled}.
   */
  @WithDefault("disabled")
  String clusterMode();

  /** {@code tls} and {@code tls.ca-file}: encryption in transit. */
  Tls tls();

  /**
   * {@code auth}: {@code iam} (a SigV4 token per connection, from {@code switchback.aws.*}),
   * {@code token} (an AUTH token, with or without a user) or {@code none}. Required, so that no
   * deployment runs without authentication by omission.
   */
  Optional<String> auth();

  /** {@code user}: the ElastiCache RBAC user; required with {@code auth=iam}. */
  Optional<String> user();

  /** {@code token}: the AUTH token (password) with {@code auth=token}. A secret: never logged. */
  Optional<String> token();

  /** {@code iam.*}: IAM authentication. */
  Iam iam();

  /** {@code topology-refresh.*}: how a cluster-mode client learns of slot and node changes. */
  TopologyRefresh topologyRefresh();

  /** The {@code tls} settings. */
  interface Tls {

    /**
     * {@code tls}: whether to connect with TLS, always verifying the server's certificate and
     * host name; default {@code true}. There is no fallback to plaintext.
     */
    @WithParentName
    @WithDefault("true")
    @WithConverter(StrictBooleanConverter.class)
    boolean enabled();

    /**
     * {@code tls.ca-file}: a PEM file of the certificate authorities to trust instead of the
     * JVM's (for a private CA or a local test server); default the JVM's trust store, which
     * trusts ElastiCache's certificates.
     */
    Optional<String> caFile();
  }

  /** The {@code iam.*} settings. */
  interface Iam {

    /**
     * {@code iam.cache-name}: the replication group id (or serverless cache name) signed into
     * the token as its host; required with {@code auth=iam}.
     */
    Optional<String> cacheName();

    /**
     * {@code iam.reauthenticate-every}: how often a connection sends {@code AUTH} with a fresh
     * token, because ElastiCache closes IAM connections 12 hours after they authenticated;
     * positive and under 12h, default {@code 11h}.
     */
    @WithDefault("11h")
    @WithConverter(DurationConverter.class)
    Duration reauthenticateEvery();
  }

  /** The {@code topology-refresh.*} settings. */
  interface TopologyRefresh {

    /**
     * {@code topology-refresh.period}: how often a cluster-mode client reloads the slot map
     * even when nothing seems wrong; positive, default {@code 60s}.
     */
    @WithDefault("60s")
    @WithConverter(DurationConverter.class)
    Duration period();

    /**
     * {@code topology-refresh.adaptive}: whether {@code MOVED} and {@code ASK} redirects,
     * reconnect attempts and unknown nodes trigger a reload at once; default {@code true}.
     */
    @WithDefault("true")
    @WithConverter(StrictBooleanConverter.class)
    boolean adaptive();
  }
}
