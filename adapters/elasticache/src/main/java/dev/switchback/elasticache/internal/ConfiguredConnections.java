package dev.switchback.elasticache.internal;

import dev.switchback.aws.AwsClients;
import dev.switchback.aws.IamAuthTokenSource;
import dev.switchback.elasticache.ElastiCacheConfig;
import dev.switchback.elasticache.ElastiCacheConnections;
import dev.switchback.elasticache.ElastiCacheSettings;
import dev.switchback.redis.LettuceResources;
import dev.switchback.redis.RedisConnection;
import dev.switchback.spi.ProviderContext;

/** How the cache and session providers turn their configuration into a connection. */
public final class ConfiguredConnections {
  private ConfiguredConnections() {}

  /**
   * The checked settings under {@code prefix}; with {@code auth=iam}, tokens come from the
   * instance's shared AWS clients ({@code switchback.aws.*}) on the system clock.
   */
  public static ElastiCacheSettings settings(
      ProviderContext context, ElastiCacheConfig config, String prefix) {
    return ElastiCacheSettings.fromConfig(config, prefix,
        target -> IamAuthTokenSource.builder(
            AwsClients.from(context).iamAuthTokenGenerator(), target).build());
  }

  /** A connection on the instance's shared Lettuce resources. */
  public static RedisConnection connect(ProviderContext context, ElastiCacheSettings settings) {
    return ElastiCacheConnections.open(LettuceResources.shared(context.resources()), settings);
  }
}
