package dev.switchback.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.BackendUnavailableException;
import dev.switchback.redis.cache.RedisCache;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalRedis;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A password in the URI authenticates, and never shows in a message, whatever fails. */
final class RedisCredentialsTest {
  private static final String PASSWORD = "hunter2-very-secret";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private LocalRedis redis;

  @BeforeEach
  void startServer() {
    redis = LocalRedis.start("--requirepass", PASSWORD);
  }

  @AfterEach
  void stopServer() {
    redis.close();
  }

  @Test
  void wrongPasswordFailsAtConnectWithoutShowingIt() {
    URI wrong = URI.create("redis://:not-" + PASSWORD + "@" + redis.host() + ":" + redis.port());

    assertThatThrownBy(() -> TestConnections.open(wrong))
        .isInstanceOf(BackendUnavailableException.class)
        .satisfies(RedisCredentialsTest::assertNoPasswordAnywhere);
  }

  @Test
  void rightPasswordConnectsAndLaterFailuresDoNotShowIt() {
    URI right = URI.create("redis://:" + PASSWORD + "@" + redis.host() + ":" + redis.port());
    RedisCache cache = RedisCache.builder(TestConnections.open(right)).build();
    try {
      Stages.join(cache.put("k", new byte[] {1}, null), WAIT);
      assertThat(cache.toString()).doesNotContain(PASSWORD);

      redis.kill();

      Throwable failure = Stages.failureOf(cache.get("k"), WAIT);
      assertThat(failure).isInstanceOf(BackendUnavailableException.class);
      assertNoPasswordAnywhere(failure);
    } finally {
      cache.close();
    }
  }

  private static void assertNoPasswordAnywhere(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
      assertThat(t.toString()).doesNotContain(PASSWORD);
      for (Throwable suppressed : t.getSuppressed()) {
        assertThat(suppressed.toString()).doesNotContain(PASSWORD);
      }
    }
  }
}
