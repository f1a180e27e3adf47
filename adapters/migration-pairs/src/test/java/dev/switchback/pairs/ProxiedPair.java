package dev.switchback.pairs;

import dev.switchback.testkit.migration.FaultyPair;
import dev.switchback.testkit.proxy.FaultProxy;
import dev.switchback.testkit.servers.LocalDynamoDb;
import dev.switchback.testkit.servers.LocalRedis;
import java.util.HashMap;
import java.util.Map;

/**
 * A pair whose two sides are each reached through a fault proxy. Breaking a side resets every
 * connection through its proxy and refuses new ones, so the store fails fast; healing makes the
 * proxy a plain one again. The direct configuration reaches the same stores without the proxies.
 */
final class ProxiedPair implements FaultyPair, AutoCloseable {
  private final FaultProxy toOld;
  private final FaultProxy toNew;
  private final Map<String, String> direct;
  private final Map<String, String> proxied;
  private final AutoCloseable servers;

  private ProxiedPair(
      FaultProxy toOld,
      FaultProxy toNew,
      Map<String, String> direct,
      Map<String, String> proxiedAddresses,
      AutoCloseable servers) {
    this.toOld = toOld;
    this.toNew = toNew;
    this.direct = direct;
    Map<String, String> through = new HashMap<>(direct);
    through.putAll(proxiedAddresses);
    this.proxied = Map.copyOf(through);
    this.servers = servers;
  }

  /** {@code capability} moving from the shared Redis to the shared dynalite. */
  static ProxiedPair redisToDynamoDb(String capability) {
    FaultProxy toOld = FaultProxy.start(LocalRedis.HOST, LocalRedis.shared().port());
    FaultProxy toNew = FaultProxy.start(LocalDynamoDb.HOST, LocalDynamoDb.shared().port());
    return new ProxiedPair(
        toOld,
        toNew,
        PairConfig.pair(
            PairConfig.redisAsOld(capability, LocalRedis.shared().uri()),
            PairConfig.dynamoDbAsNew(capability, LocalDynamoDb.shared().uri())),
        Map.of(
            "switchback." + capability + ".redis.uri", "redis://" + address(toOld),
            "switchback." + capability + ".dynamodb.endpoint", "http://" + address(toNew)),
        () -> {});
  }

  /**
   * {@code capability} moving from the shared Redis to a Redis of its own standing in for
   * ElastiCache (plaintext, no authentication), stopped on close.
   */
  static ProxiedPair redisToElastiCache(String capability) {
    LocalRedis newRedis = LocalRedis.start();
    FaultProxy toOld = FaultProxy.start(LocalRedis.HOST, LocalRedis.shared().port());
    FaultProxy toNew = FaultProxy.start(LocalRedis.HOST, newRedis.port());
    return new ProxiedPair(
        toOld,
        toNew,
        PairConfig.pair(
            PairConfig.redisAsOld(capability, LocalRedis.shared().uri()),
            PairConfig.plainElastiCacheAsNew(
                capability, newRedis.host() + ":" + newRedis.port())),
        Map.of(
            "switchback." + capability + ".redis.uri", "redis://" + address(toOld),
            "switchback." + capability + ".elasticache.endpoint", address(toNew)),
        newRedis);
  }

  /** The pair's configuration, both sides through their proxies. */
  @Override
  public Map<String, String> migrationConfig() {
    return proxied;
  }

  /** The pair's configuration, both sides reached directly. */
  @Override
  public Map<String, String> directConfig() {
    return direct;
  }

  @Override
  public void breakOld() {
    toOld.refuseNew().resetAll();
  }

  @Override
  public void healOld() {
    toOld.heal();
  }

  @Override
  public void breakNew() {
    toNew.refuseNew().resetAll();
  }

  @Override
  public void healNew() {
    toNew.heal();
  }

  @Override
  public void close() throws Exception {
    toOld.close();
    toNew.close();
    servers.close();
  }

  private static String address(FaultProxy proxy) {
    return proxy.host() + ":" + proxy.port();
  }
}
