package dev.switchback.elasticache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.BackendUnavailableException;
import dev.switchback.redis.RedisClientSettings;
import dev.switchback.redis.RedisConnection;
import dev.switchback.testkit.servers.LocalRedis;
import dev.switchback.testkit.servers.LocalTlsRedis;
import dev.switchback.testkit.servers.TestCertificateAuthority;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.protocol.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TLS always verifies the server, and a failed handshake never falls back to plaintext. */
class ElastiCacheTlsTest {

  private static ElastiCacheAuth token() {
    return ElastiCacheAuth.token(LocalTlsRedis.USER, TestServers.TOKEN);
  }

  @Test
  void aServerCertifiedByTheConfiguredAuthorityForThisHostIsAccepted() {
    RedisConnection connection =
        TestServers.open(TestServers.tls(TestServers.tlsRedis()).auth(token()).build());
    try {
      connection.commands().set("tls:accepted", "v".getBytes(StandardCharsets.UTF_8))
          .toCompletableFuture().join();
      assertThat(connection.commands().get("tls:accepted").toCompletableFuture().join())
          .asString(StandardCharsets.UTF_8).isEqualTo("v");
    } finally {
      connection.closeAsync().toCompletableFuture().join();
    }
  }

  @Test
  void aServerCertifiedByAnotherAuthorityIsRefused() {
    try (LocalTlsRedis redis = LocalTlsRedis.start()) {
      redis.setPasswords(TestServers.TOKEN);
      TestCertificateAuthority other = TestCertificateAuthority.create("Unrelated CA");
      ElastiCacheSettings settings = ElastiCacheSettings.builder(redis.host(), redis.port())
          .caFile(other.certificate()).auth(token()).build();

      assertThatThrownBy(() -> TestServers.open(settings))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("TLS handshake with ElastiCache at 127.0.0.1:" + redis.port())
          .hasMessageContaining("no plaintext fallback")
          .hasMessageNotContaining(TestServers.TOKEN);
      assertThat(clientCommandsSeenBy(redis)).isEmpty();
    }
  }

  @Test
  void aServerWhoseCertificateNamesAnotherHostIsRefused() {
    TestCertificateAuthority authority = TestCertificateAuthority.create("Test CA");
    try (LocalTlsRedis elsewhere = LocalTlsRedis.start(authority.issue("elsewhere.invalid"))) {
      elsewhere.setPasswords(TestServers.TOKEN);
      ElastiCacheSettings settings = TestServers.tls(elsewhere).auth(token()).build();

      assertThatThrownBy(() -> TestServers.open(settings))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("TLS handshake")
          .hasMessageContaining("name 127.0.0.1");
      // The handshake failed before any command: not even the authentication reached it.
      assertThat(clientCommandsSeenBy(elsewhere)).isEmpty();
    }
  }

  @Test
  void aPlaintextServerIsRefusedRatherThanSpokenToInPlaintext() throws Exception {
    try (LocalRedis plain = LocalRedis.start()) {
      ElastiCacheSettings settings = ElastiCacheSettings.builder(plain.host(), plain.port())
          .caFile(TestServers.tlsRedis().certificateAuthority())
          .client(RedisClientSettings.builder().connectTimeout(Duration.ofSeconds(1)).build())
          .build();

      assertThatThrownBy(() -> TestServers.open(settings))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("no plaintext fallback");
      // Asked over a connection that itself sends nothing before INFO (RESP2, no PING); the
      // one PING the server saw is the testkit's readiness probe.
      RedisClient control = RedisClient.create(plain.uri().toString());
      control.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2)
          .pingBeforeActivateConnection(false).build());
      try (var connection = control.connect()) {
        assertThat(connection.sync().info("commandstats")).doesNotContain("cmdstat_hello")
            .doesNotContain("cmdstat_auth");
      } finally {
        control.shutdown();
      }
    }
  }

  /**
   * The commands TLS clients sent: every command but the control socket's own {@code AUTH}
   * and {@code PING} and the test's {@code ACL SETUSER}.
   */
  private static List<String> clientCommandsSeenBy(LocalTlsRedis redis) {
    return String.valueOf(redis.command("INFO", "commandstats")).lines()
        .filter(line -> line.startsWith("cmdstat_"))
        .map(line -> line.substring("cmdstat_".length(), line.indexOf(':')))
        .filter(command -> !List.of("auth", "ping", "acl|setuser", "info").contains(command))
        .toList();
  }
}
