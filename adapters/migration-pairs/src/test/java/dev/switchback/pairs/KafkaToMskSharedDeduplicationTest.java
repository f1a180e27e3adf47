package dev.switchback.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Switchback;
import dev.switchback.messaging.Message;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalKafka;
import dev.switchback.testkit.servers.LocalRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a service sharing de-duplication through Redis, on real brokers. So that each
 * instance surely gets one copy of every message, one consumes only old (its migration in off)
 * and the other only new (in complete), and every message is published to both: only the shared
 * store keeps a message from being handled twice.
 */
class KafkaToMskSharedDeduplicationTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void twoInstancesSharingRedisHandleEachMessageOnceAcrossBoth() {
    String topic = "shared-dedup-" + UUID.randomUUID();
    String group = "billing-" + UUID.randomUUID();
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> byInstance = new ConcurrentHashMap<>();
    try (Switchback onOld = Switchback.fromConfig(config("off"));
        Switchback onNew = Switchback.fromConfig(config("complete"))) {
      for (Switchback instance : List.of(onOld, onNew)) {
        String name = instance == onOld ? "old" : "new";
        instance.messaging().subscribe(topic, group, m -> {
          runs.computeIfAbsent(m.id(), id -> new AtomicInteger()).incrementAndGet();
          byInstance.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
          return CompletableFuture.runAsync(() -> { },
              CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.MILLISECONDS));
        });
      }
      for (int i = 0; i < 100; i++) {
        Message message = new Message("m" + i, "k" + (i % 6),
            ("m" + i).getBytes(StandardCharsets.UTF_8), Map.of());
        Stages.join(onOld.messaging().publish(topic, message), DEADLINE);
        Stages.join(onNew.messaging().publish(topic, message), DEADLINE);
      }
      Eventually.await(DEADLINE, () -> assertThat(runs).hasSize(100));
      // The other copy of the last messages may still be on its way.
      pause(3_000);
    }
    // Which instance wins a message depends on how fast each consumer joins; with a store per
    // instance each would handle every message.
    assertThat(runs).as("runs per id; by instance: %s", byInstance)
        .allSatisfy((id, n) -> assertThat(n.get()).as(id).isOne());
  }

  private static Map<String, String> config(String stage) {
    Map<String, String> config =
        new HashMap<>(KafkaPairs.kafkaToMsk(LocalKafka.shared(), LocalKafka.sharedSaslSsl()));
    config.put("switchback.messaging.migration.stage", stage);
    config.put("switchback.messaging.migration.guard.enabled", "false");
    config.put("switchback.messaging.migration.dedup.store", "cache");
    config.put("switchback.cache.backend", "redis");
    config.put("switchback.cache.redis.uri", LocalRedis.shared().uri().toString());
    return config;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
