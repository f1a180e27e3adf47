package dev.switchback.testkit.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.testkit.servers.LocalRedis;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault, proven against a real Redis speaking RESP through the proxy. */
class FaultProxyRedisTest {
  private FaultProxy proxy;
  private Socket client;

  @BeforeEach
  void connect() throws IOException {
    LocalRedis redis = LocalRedis.shared();
    proxy = FaultProxy.start(redis.host(), redis.port());
    client = open();
    assertThat(ping(client)).isEqualTo("+PONG");
  }

  @AfterEach
  void close() throws IOException {
    client.close();
    proxy.close();
  }

  private Socket open() throws IOException {
    Socket socket = new Socket(proxy.host(), proxy.port());
    socket.setSoTimeout(5_000);
    return socket;
  }

  private static String ping(Socket socket) throws IOException {
    socket.getOutputStream().write("PING\r\n".getBytes(US_ASCII));
    socket.getOutputStream().flush();
    return new String(socket.getInputStream().readNBytes(7), US_ASCII).trim();
  }

  @Test
  void latencyIsMeasurable() throws IOException {
    proxy.latency(Duration.ofMillis(100));
    long start = System.nanoTime();
    assertThat(ping(client)).isEqualTo("+PONG");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void blackholeMakesReadsTimeOutAndHealMakesItAnswerAgain() throws IOException {
    proxy.blackhole();
    client.setSoTimeout(300);
    assertThatThrownBy(() -> ping(client)).isInstanceOf(SocketTimeoutException.class);
    proxy.heal();
    client.setSoTimeout(5_000);
    assertThat(ping(client)).isEqualTo("+PONG");
  }

  @Test
  void resetGivesAConnectionResetAndHealedConnectionsWork() throws IOException {
    proxy.resetAll();
    assertThatThrownBy(() -> ping(client))
        .isInstanceOf(SocketException.class)
        .hasMessageContaining("reset");
    proxy.heal();
    try (Socket fresh = open()) {
      assertThat(ping(fresh)).isEqualTo("+PONG");
    }
  }

  @Test
  void closeGivesEndOfStream() throws IOException {
    proxy.closeAll();
    assertThat(client.getInputStream().read()).isEqualTo(-1);
    try (Socket fresh = open()) {
      assertThat(ping(fresh)).isEqualTo("+PONG");
    }
  }

  @Test
  void refusedConnectionsComeBackAfterHeal() throws IOException {
    proxy.refuseNew();
    assertThatThrownBy(this::open).isInstanceOf(java.net.ConnectException.class);
    assertThat(ping(client)).isEqualTo("+PONG");
    proxy.heal();
    try (Socket fresh = open()) {
      assertThat(ping(fresh)).isEqualTo("+PONG");
    }
  }
}
