package dev.switchback.dynamodb;

import dev.switchback.ConfigurationException;
import dev.switchback.cache.Cache;
import dev.switchback.cache.spi.CacheProvider;
import dev.switchback.dynamodb.internal.CacheItems;
import dev.switchback.dynamodb.internal.ConfiguredTable;
import dev.switchback.spi.ProviderContext;
import java.util.Optional;

/**
 * Makes {@link DynamoDbCache}s for {@code switchback.cache.backend=dynamodb}, configured by {@link
 * DynamoDbCacheConfig} and {@code switchback.aws.*}.
 */
public final class DynamoDbCacheProvider implements CacheProvider {

  /** The backend name: {@code dynamodb}. */
  public static final String NAME = "dynamodb";

  /** Called by {@link java.util.ServiceLoader}. */
  public DynamoDbCacheProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Class<?>> configMapping() {
    return Optional.of(DynamoDbCacheConfig.class);
  }

  /**
   * A cache on the configured table; creates the table first if {@code create-table=true}.
   *
   * @throws ConfigurationException naming the key of a bad setting
   */
  @Override
  public Cache create(ProviderContext context) {
    return DynamoDbCache.on(ConfiguredTable.open(context,
        context.config(DynamoDbCacheConfig.class), DynamoDbCacheConfig.PREFIX,
        CacheItems.RESERVED));
  }
}
