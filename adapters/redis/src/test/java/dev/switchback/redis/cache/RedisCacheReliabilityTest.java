package dev.switchback.redis.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.BackendUnavailableException;
import dev.switchback.OperationTimeoutException;
import dev.switchback.redis.RedisClientSettings;
import dev.switchback.redis.TestConnections;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.proxy.FaultProxy;
import dev.switchback.testkit.servers.LocalRedis;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Redis cache does when its server or the network misbehaves, against a dedicated Redis
 * that the tests stop, kill and restart, and a {@link FaultProxy} between the two. The cache's
 * connection is the module's {@link dev.switchback.redis.StandaloneRedisConnection}, so the
 * session store, on the same connection type, behaves the same.
 */
final class RedisCacheReliabilityTest {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
  /** Far beyond every bound the client has: a stage still open then is a hang. */
  private static final Duration HANG = Duration.ofSeconds(15);
  private static final Duration RECOVERY = Duration.ofSeconds(20);

  private LocalRedis redis;
  private FaultProxy proxy;
  private RedisCache cache;

  @BeforeEach
  void startServer() {
    redis = LocalRedis.start();
    proxy = FaultProxy.start(redis.host(), redis.port());
  }

  @AfterEach
  void stopEverything() {
    if (cache != null) {
      cache.close();
    }
    proxy.close();
    redis.close();
  }

  @Test
  void serverRestartUnderLoadFailsCallsClearlyAndReconnects() throws Exception {
    cache = cacheOn(redis.uri(), settings().build());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger successes = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    ExecutorService load = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String key = "restart-" + w;
        writers.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; !stop.get(); i++) {
            byte[] value = Integer.toString(i).getBytes(UTF_8);
            outcome(cache.put(key, value, Duration.ofMinutes(1)), successes, failures);
            outcome(cache.get(key), successes, failures);
          }
        }, load));
      }
      Eventually.await(RECOVERY, () -> assertThat(successes.get()).isGreaterThan(100));

      redis.restart();
      int atRestart = successes.get();
      Eventually.await(
          RECOVERY, () -> assertThat(successes.get()).isGreaterThan(atRestart + 100));
      stop.set(true);
      CompletableFuture.allOf(writers.toArray(CompletableFuture<?>[]::new))
          .get(HANG.toSeconds(), TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      load.shutdownNow();
    }

    assertThat(failures)
        .as("failures while the server restarted")
        .allSatisfy(f -> assertThat(f).isInstanceOf(BackendUnavailableException.class));
  }

  @Test
  void killedServerFailsCallsFastWithoutSendingAndRecoversWhenItIsBack() {
    cache = cacheOn(redis.uri(), settings().build());
    Stages.join(cache.put("kill", bytes("before"), null), HANG);

    redis.kill();

    // Once the client has seen the connection drop it refuses calls at once: nothing queues.
    Eventually.await(RECOVERY, () -> assertThat(failureOf(cache.get("kill")))
        .isInstanceOf(BackendUnavailableException.class)
        .isNotInstanceOf(OperationTimeoutException.class)
        .hasMessageContaining("nothing was sent"));
    redis.restart();
    Eventually.await(RECOVERY, () -> Stages.join(cache.put("kill", bytes("after"), null), HANG));
    assertThat(Stages.join(cache.get("kill"), HANG)).contains(bytes("after"));
  }

  @Test
  void pingAnswersFailsTypedWhileTheServerIsDownAndAnswersAgainAfter() {
    cache = cacheOn(redis.uri(), settings().build());
    Stages.join(cache.ping(), HANG);

    redis.kill();
    Eventually.await(RECOVERY, () -> assertThat(failureOf(cache.ping()))
        .isInstanceOfAny(BackendUnavailableException.class, OperationTimeoutException.class));
    redis.restart();
    Eventually.await(RECOVERY, () -> Stages.join(cache.ping(), HANG));

    cache.close();
    assertThat(failureOf(cache.ping())).isInstanceOf(dev.switchback.SwitchbackException.class);
    cache = null;
  }

  @Test
  void blackholeIsDetectedWithinTheCommandTimeoutAndHealingRestoresMatchingReplies() {
    cache = cacheOn(proxied(), settings().build());
    Stages.join(cache.put("blackhole", bytes("kept"), null), HANG);

    proxy.blackhole();

    assertThat(failureOf(cache.get("blackhole"))).isInstanceOf(OperationTimeoutException.class);
    for (int i = 0; i < 5; i++) {
      assertThat(failureOf(cache.get("blackhole")))
          .as("call %d during the blackhole", i)
          .isInstanceOf(BackendUnavailableException.class);
    }

    proxy.heal();
    Eventually.await(
        RECOVERY,
        () -> assertThat(Stages.join(cache.get("blackhole"), HANG)).contains(bytes("kept")));
    // Bytes dropped by the blackhole must not shift replies onto later commands.
    for (int i = 0; i < 50; i++) {
      String key = "after-heal-" + i;
      Stages.join(cache.put(key, bytes(key), null), HANG);
      assertThat(Stages.join(cache.get(key), HANG)).as(key).contains(bytes(key));
    }
  }

  @Test
  void resetConnectionIsReplacedAtOnce() {
    cache = cacheOn(proxied(), settings().build());
    Stages.join(cache.put("reset", bytes("kept"), null), HANG);

    proxy.resetAll();

    Optional<Throwable> right = failureOrNothing(cache.get("reset"));
    right.ifPresent(f -> assertThat(f).isInstanceOf(BackendUnavailableException.class));
    Eventually.await(
        RECOVERY,
        () -> assertThat(Stages.join(cache.get("reset"), HANG)).contains(bytes("kept")));
  }

  @Test
  void slowServerPastTheTimeoutGivesOperationTimeoutAndRecovers() {
    cache = cacheOn(proxied(), settings().build());
    Stages.join(cache.put("slow", bytes("kept"), null), HANG);

    proxy.latency(COMMAND_TIMEOUT.multipliedBy(3));

    Throwable failure = failureOf(cache.get("slow"));
    assertThat(failure)
        .isInstanceOf(OperationTimeoutException.class)
        .hasMessageContaining("cache get")
        .hasMessageContaining("no reply within the command timeout");
    proxy.latency(Duration.ZERO);
    Eventually.await(
        RECOVERY,
        () -> assertThat(Stages.join(cache.get("slow"), HANG)).contains(bytes("kept")));
  }

  @Test
  void requestQueueBoundRefusesCommandsBeyondItInsteadOfQueueing() {
    cache = cacheOn(proxied(), settings().requestQueueSize(4).build());
    Stages.join(cache.put("queue", bytes("kept"), null), HANG);
    proxy.latency(Duration.ofMillis(100));

    List<CompletableFuture<Optional<byte[]>>> gets = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      gets.add(cache.get("queue").toCompletableFuture());
    }

    List<Throwable> refused = new ArrayList<>();
    int answered = 0;
    for (CompletableFuture<Optional<byte[]>> get : gets) {
      Optional<Throwable> failure = failureOrNothing(get);
      if (failure.isPresent()) {
        refused.add(failure.get());
      } else {
        answered++;
      }
    }
    assertThat(answered).isPositive();
    assertThat(refused)
        .isNotEmpty()
        .allSatisfy(
            f -> assertThat(f)
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("too many commands"));
  }

  private RedisCache cacheOn(URI server, RedisClientSettings settings) {
    return RedisCache.builder(TestConnections.open(server, settings)).build();
  }

  private URI proxied() {
    return URI.create("redis://" + proxy.host() + ":" + proxy.port());
  }

  private static RedisClientSettings.Builder settings() {
    return RedisClientSettings.builder()
        .commandTimeout(COMMAND_TIMEOUT)
        .connectTimeout(COMMAND_TIMEOUT);
  }

  /** Waits for {@code stage} (failing the test if it hangs) and records how it ended. */
  private static void outcome(
      java.util.concurrent.CompletionStage<?> stage,
      AtomicInteger successes,
      ConcurrentLinkedQueue<Throwable> failures) {
    failureOrNothing(stage).ifPresentOrElse(failures::add, successes::incrementAndGet);
  }

  private static Throwable failureOf(java.util.concurrent.CompletionStage<?> stage) {
    return failureOrNothing(stage)
        .orElseThrow(() -> new AssertionError("expected the call to fail"));
  }

  private static Optional<Throwable> failureOrNothing(java.util.concurrent.CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().get(HANG.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("the call hung past " + HANG, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
