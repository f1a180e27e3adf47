package dev.switchback.elasticache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.BackendUnavailableException;
import dev.switchback.cache.Cache;
import dev.switchback.redis.cache.RedisCache;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.servers.LocalTlsRedis;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** AUTH tokens: the right one connects, a wrong one fails at start, a rotation window is seamless. */
class ElastiCacheTokenAuthTest {
  private static final String OLD_TOKEN = "old-token-that-must-not-leak-1";
  private static final String NEW_TOKEN = "new-token-that-must-not-leak-2";

  @Test
  void aWrongTokenFailsAtConnectSayingWhoWasRefusedButNotTheToken() {
    LocalTlsRedis redis = TestServers.tlsRedis();
    ElastiCacheSettings settings = TestServers.tls(redis)
        .auth(ElastiCacheAuth.token(LocalTlsRedis.USER, OLD_TOKEN)).build();

    assertThatThrownBy(() -> TestServers.open(settings))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("refused the credentials of user " + LocalTlsRedis.USER)
        .hasMessageContaining("WRONGPASS")
        .hasMessageContaining("check the token and user")
        .hasMessageNotContaining(OLD_TOKEN)
        .satisfies(e -> assertThat(stackText(e)).doesNotContain(OLD_TOKEN));
    assertThat(settings.toString()).doesNotContain(OLD_TOKEN).contains("user=switchback");
  }

  @Test
  void noTokenAgainstAServerThatRequiresOneFailsAtConnect() {
    ElastiCacheSettings settings = TestServers.tls(TestServers.tlsRedis()).build();

    assertThatThrownBy(() -> TestServers.open(settings))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("NOAUTH")
        .hasMessageContaining("auth=token or auth=iam");
  }

  @Test
  void rotatingTheTokenWhileTheServerAcceptsBothCausesNoFailedOperation() throws Exception {
    try (LocalTlsRedis redis = LocalTlsRedis.start()) {
      redis.setPasswords(OLD_TOKEN);
      Cache before = cache(redis, OLD_TOKEN);
      AtomicReference<Cache> current = new AtomicReference<>(before);
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      AtomicInteger operations = new AtomicInteger();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread load = new Thread(() -> {
        for (int i = 0; running.get(); i++) {
          try {
            Cache cache = current.get();
            String key = "rotation:" + (i % 50);
            cache.put(key, ("v" + i).getBytes(UTF_8)).toCompletableFuture().join();
            cache.get(key).toCompletableFuture().join();
            operations.incrementAndGet();
          } catch (RuntimeException e) {
            failures.add(e);
          }
        }
      });
      load.start();
      try {
        awaitMoreOperations(operations);
        // The window opens: the server accepts both tokens (ElastiCache's ROTATE strategy).
        redis.setPasswords(OLD_TOKEN, NEW_TOKEN);
        awaitMoreOperations(operations);
        // Clients move over one by one: a new client on the new token takes the load...
        Cache after = cache(redis, NEW_TOKEN);
        current.set(after);
        awaitMoreOperations(operations);
        before.close();
        // ...and the window closes (ElastiCache's SET strategy): only the new token remains.
        redis.setPasswords(NEW_TOKEN);
        awaitMoreOperations(operations);
      } finally {
        running.set(false);
        load.join();
      }

      assertThat(failures).isEmpty();
      assertThatThrownBy(() -> cache(redis, OLD_TOKEN))
          .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("WRONGPASS");
      current.get().close();
    }
  }

  private static Cache cache(LocalTlsRedis redis, String token) {
    return RedisCache.builder(TestServers.open(TestServers.tls(redis)
        .auth(ElastiCacheAuth.token(LocalTlsRedis.USER, token)).build())).build();
  }

  /** Waits until the load loop has done another 50 operations, proving it is still running. */
  private static void awaitMoreOperations(AtomicInteger operations) {
    int target = operations.get() + 50;
    Eventually.await(Duration.ofSeconds(30),
        () -> assertThat(operations.get()).isGreaterThanOrEqualTo(target));
  }

  private static String stackText(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
