package dev.switchback.dynamodb;

import dev.switchback.cache.Cache;
import dev.switchback.testkit.contract.CacheContract;
import java.time.Clock;

final class DynamoDbCacheContractTest extends CacheContract {

  @Override
  protected Cache createCache() {
    return DynamoDbCache.on(DynamoDbFixture.newTable("cache-contract", Clock.systemUTC()));
  }
}
