package dev.switchback.quarkus.it;

import dev.switchback.testkit.servers.LocalKafka;
import dev.switchback.testkit.servers.LocalRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The real Redis and Kafka the application talks to, shared by the JVM's tests and stopped at
 * its exit; their addresses go into the application's configuration.
 */
public class RealServers implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return addresses(LocalKafka.shared());
  }

  @Override
  public void stop() {
    // Shared servers outlive one application.
  }

  /** The configuration that points the application at the shared Redis and at {@code kafka}. */
  static Map<String, String> addresses(LocalKafka kafka) {
    return Map.of(
        "switchback.cache.redis.uri", LocalRedis.shared().uri().toString(),
        "switchback.messaging.kafka.bootstrap-servers", kafka.bootstrapServers());
  }
}
