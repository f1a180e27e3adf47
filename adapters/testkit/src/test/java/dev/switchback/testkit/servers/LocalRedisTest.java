package dev.switchback.testkit.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class LocalRedisTest {

  @Test
  void sharedIsOneLiveServerPerJvm() throws Exception {
    LocalRedis redis = LocalRedis.shared();
    assertThat(LocalRedis.shared()).isSameAs(redis);
    assertThat(redis.host()).isEqualTo("127.0.0.1");
    assertThat(redis.uri().toString()).isEqualTo("redis://127.0.0.1:" + redis.port());
    assertThat(redis.isRunning()).isTrue();
    String key = "testkit:" + UUID.randomUUID();
    try (RespClient client = new RespClient(redis)) {
      assertThat(client.call("PING")).isEqualTo("+PONG");
      assertThat(client.call("SET " + key + " v EX 60")).isEqualTo("+OK");
      assertThat(client.call("GET " + key)).isEqualTo("v");
      client.call("DEL " + key);
    }
  }

  @Test
  void theSharedServerCannotBeStoppedByOneTest() {
    LocalRedis redis = LocalRedis.shared();
    assertThatThrownBy(redis::stop).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LocalRedis.start()");
    assertThatThrownBy(redis::restart).isInstanceOf(IllegalStateException.class);
    redis.close(); // a no-op for the shared one
    assertThat(redis.isRunning()).isTrue();
  }

  @Test
  void aDedicatedServerRunsOnItsOwnPortAndRestartKeepsThePort() throws Exception {
    try (LocalRedis redis = LocalRedis.start()) {
      assertThat(redis.isReused()).isFalse();
      assertThat(redis.port()).isNotEqualTo(LocalRedis.shared().port());
      int port = redis.port();
      try (RespClient client = new RespClient(redis)) {
        assertThat(client.call("SET k v")).isEqualTo("+OK");
      }

      redis.restart();
      assertThat(redis.port()).isEqualTo(port);
      assertThat(redis.isRunning()).isTrue();
      try (RespClient client = new RespClient(redis)) {
        // It really restarted: without persistence it comes back empty.
        assertThat(client.call("GET k")).isEqualTo("$-1");
      }
    }
  }

  @Test
  void killAndStopTakeTheServerDownAndRestartBringsItBack() {
    try (LocalRedis redis = LocalRedis.start()) {
      redis.kill();
      assertThat(redis.isRunning()).isFalse();
      redis.restart();
      assertThat(redis.isRunning()).isTrue();
      redis.stop();
      assertThat(redis.isRunning()).isFalse();
      redis.restart();
      assertThat(redis.isRunning()).isTrue();
    }
  }

  @Test
  void extraArgumentsReachTheServer() throws Exception {
    try (LocalRedis redis = LocalRedis.start("--requirepass", "test-only-password")) {
      try (RespClient client = new RespClient(redis)) {
        assertThat(client.call("PING")).startsWith("-NOAUTH");
        assertThat(client.call("AUTH test-only-password")).isEqualTo("+OK");
        assertThat(client.call("PING")).isEqualTo("+PONG");
      }
    }
  }

  @Test
  void closeStopsADedicatedServerForGood() {
    LocalRedis redis = LocalRedis.start();
    redis.close();
    assertThat(redis.isRunning()).isFalse();
    redis.close();
  }
}
