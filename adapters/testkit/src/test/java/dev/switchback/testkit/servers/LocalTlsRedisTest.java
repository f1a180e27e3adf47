package dev.switchback.testkit.servers;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.testkit.servers.RespConnection.RespErrorReply;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalTlsRedisTest {
  private static LocalTlsRedis redis;

  @BeforeAll
  static void startServer() {
    redis = LocalTlsRedis.start();
  }

  @AfterAll
  static void stopServer() {
    redis.close();
  }

  private static RespConnection tls() throws Exception {
    SSLSocket socket =
        TrustingClients.connect(redis.certificateAuthority(), redis.host(), redis.port());
    return RespConnection.over(socket);
  }

  @Test
  void theUserLogsInOverTlsWithAnyOfItsPasswords() throws Exception {
    redis.setPasswords("old-password", "new-password");
    try (RespConnection client = tls()) {
      assertThat(client.call("AUTH", LocalTlsRedis.USER, "old-password")).isEqualTo("OK");
      assertThat(client.call("SET", "tls:k", "v")).isEqualTo("OK");
      assertThat(client.call("GET", "tls:k")).isEqualTo("v");
    }
    try (RespConnection client = tls()) {
      assertThat(client.call("AUTH", LocalTlsRedis.USER, "new-password")).isEqualTo("OK");
    }
  }

  @Test
  void aReplacedPasswordIsRefusedButAnOpenConnectionStaysLoggedIn() throws Exception {
    redis.setPasswords("first");
    try (RespConnection open = tls()) {
      open.call("AUTH", LocalTlsRedis.USER, "first");

      redis.setPasswords("second");

      try (RespConnection late = tls()) {
        assertThatThrownBy(() -> late.call("AUTH", LocalTlsRedis.USER, "first"))
            .isInstanceOf(RespErrorReply.class).hasMessageContaining("WRONGPASS");
      }
      assertThat(open.call("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void aClientThatDoesNotAuthenticateIsRefused() throws Exception {
    try (RespConnection client = tls()) {
      assertThatThrownBy(() -> client.call("PING"))
          .isInstanceOf(RespErrorReply.class).hasMessageContaining("NOAUTH");
    }
  }

  @Test
  void plaintextIsNotAnswered() throws Exception {
    try (Socket plain = new Socket(redis.host(), redis.port())) {
      plain.setSoTimeout(5_000);
      plain.getOutputStream().write("PING\r\n".getBytes(US_ASCII));
      plain.getOutputStream().flush();
      InputStream in = plain.getInputStream();
      byte[] reply = readQuietly(in);
      assertThat(new String(reply, US_ASCII)).doesNotContain("PONG").doesNotContain("NOAUTH");
    }
  }

  @Test
  void aClientTrustingAnotherAuthorityRefusesTheServer() {
    TestCertificateAuthority other = TestCertificateAuthority.create("Other CA");
    assertThatThrownBy(() -> TrustingClients.connect(other.certificate(), redis.host(),
        redis.port()).close()).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void aServerCertifiedForAnotherHostIsRefusedByANameCheckingClient() throws Exception {
    TestCertificateAuthority authority = TestCertificateAuthority.create("CA");
    try (LocalTlsRedis elsewhere = LocalTlsRedis.start(authority.issue("elsewhere.invalid"))) {
      assertThatThrownBy(() -> TrustingClients.connect(authority.certificate(),
          elsewhere.host(), elsewhere.port()).close()).isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("127.0.0.1");
    }
  }

  @Test
  void killAndRestartComeBackWithoutPasswords() throws Exception {
    try (LocalTlsRedis dedicated = LocalTlsRedis.start()) {
      dedicated.setPasswords("p");
      dedicated.kill();
      assertThat(dedicated.isRunning()).isFalse();
      dedicated.restart();
      assertThat(dedicated.isRunning()).isTrue();
      assertThat(dedicated.command("ACL", "GETUSER", LocalTlsRedis.USER)).doesNotContain("#");
      assertThat(dedicated.uri().toString()).isEqualTo("rediss://127.0.0.1:" + dedicated.port());
    }
  }

  @Test
  void commandsReachTheServerOverTheControlSocket() {
    assertThat(redis.command("PING")).isEqualTo("PONG");
    assertThatThrownBy(() -> redis.command("NO-SUCH-COMMAND"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("NO-SUCH-COMMAND");
  }

  private static byte[] readQuietly(InputStream in) {
    try {
      return in.readNBytes(64);
    } catch (IOException e) {
      return new byte[0]; // the server closed or reset the connection: no answer either
    }
  }
}
