package dev.switchback.testkit.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {
  private EchoServer echo;
  private FaultProxy proxy;
  private final List<Socket> clients = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    echo = new EchoServer();
    proxy = FaultProxy.start("127.0.0.1", echo.port());
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket client : clients) {
      client.close();
    }
    proxy.close();
    echo.close();
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(proxy.host(), proxy.port());
    socket.setSoTimeout(5_000);
    clients.add(socket);
    return socket;
  }

  private static String roundTrip(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(US_ASCII));
    socket.getOutputStream().flush();
    byte[] answer = socket.getInputStream().readNBytes(text.length());
    return new String(answer, US_ASCII);
  }

  static void awaitActive(FaultProxy proxy, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (proxy.activeConnections() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(proxy.activeConnections()).isEqualTo(expected);
  }

  @Test
  void forwardsBothWaysOnAnEphemeralLoopbackPort() throws IOException {
    assertThat(proxy.host()).isEqualTo("127.0.0.1");
    assertThat(proxy.port()).isPositive().isNotEqualTo(echo.port());
    Socket client = connect();
    assertThat(roundTrip(client, "hello")).isEqualTo("hello");
    assertThat(roundTrip(client, "again")).isEqualTo("again");
  }

  @Test
  void latencyIsAddedInBothDirections() throws IOException {
    Socket client = connect();
    assertThat(roundTrip(client, "warm")).isEqualTo("warm");
    proxy.latency(Duration.ofMillis(150));
    long start = System.nanoTime();
    assertThat(roundTrip(client, "slow")).isEqualTo("slow");
    // One chunk each way: at least twice the latency.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    proxy.latency(Duration.ZERO);
    assertThat(roundTrip(client, "fast")).isEqualTo("fast");
  }

  @Test
  void blackholeSwallowsBytesSoReadsTimeOutAndHealRestoresTheSameConnection() throws IOException {
    Socket client = connect();
    assertThat(roundTrip(client, "before")).isEqualTo("before");
    proxy.blackhole();
    client.setSoTimeout(300);
    assertThatThrownBy(() -> roundTrip(client, "lost")).isInstanceOf(SocketTimeoutException.class);
    assertThat(proxy.activeConnections()).isEqualTo(1);

    proxy.heal();
    client.setSoTimeout(5_000);
    assertThat(roundTrip(client, "after")).isEqualTo("after");
  }

  @Test
  void blackholeAlsoHoldsNewConnections() throws IOException {
    proxy.blackhole();
    Socket client = connect();
    client.setSoTimeout(300);
    assertThatThrownBy(() -> roundTrip(client, "hello")).isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void resetAllResetsOpenConnectionsAndAcceptsNewOnes() throws Exception {
    Socket client = connect();
    assertThat(roundTrip(client, "one")).isEqualTo("one");
    proxy.resetAll();
    assertThatThrownBy(() -> client.getInputStream().read())
        .isInstanceOf(SocketException.class)
        .hasMessageContaining("reset");
    awaitActive(proxy, 0);
    assertThat(roundTrip(connect(), "two")).isEqualTo("two");
  }

  @Test
  void closeAllEndsOpenConnectionsWithEndOfStream() throws Exception {
    Socket client = connect();
    assertThat(roundTrip(client, "one")).isEqualTo("one");
    proxy.closeAll();
    assertThat(client.getInputStream().read()).isEqualTo(-1);
    awaitActive(proxy, 0);
    assertThat(roundTrip(connect(), "two")).isEqualTo("two");
  }

  @Test
  void refuseNewRefusesConnectionsButKeepsOpenOnesAndHealListensOnTheSamePort()
      throws IOException {
    Socket open = connect();
    assertThat(roundTrip(open, "accepted")).isEqualTo("accepted");
    int port = proxy.port();
    proxy.refuseNew();
    assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
    assertThat(roundTrip(open, "still")).isEqualTo("still");

    proxy.heal();
    assertThat(proxy.port()).isEqualTo(port);
    assertThat(roundTrip(connect(), "back")).isEqualTo("back");
  }

  @Test
  void aServerThatClosesIsSeenAsEndOfStreamByTheClient() throws Exception {
    Socket client = connect();
    assertThat(roundTrip(client, "one")).isEqualTo("one");
    client.shutdownOutput(); // the echo server sees EOF and closes its side
    assertThat(client.getInputStream().read()).isEqualTo(-1);
    awaitActive(proxy, 0);
  }

  @Test
  void connectionsBeyondTheBoundAreCutAtOnce() throws Exception {
    try (FaultProxy small = FaultProxy.start("127.0.0.1", echo.port(), 1)) {
      Socket first = new Socket(small.host(), small.port());
      clients.add(first);
      first.setSoTimeout(5_000);
      assertThat(roundTrip(first, "in")).isEqualTo("in");
      Socket second = new Socket(small.host(), small.port());
      clients.add(second);
      second.setSoTimeout(5_000);
      InputStream in = second.getInputStream();
      assertThatThrownBy(() -> {
        if (in.read() == -1) {
          throw new SocketException("end of stream");
        }
      }).isInstanceOf(SocketException.class);
      assertThat(small.activeConnections()).isEqualTo(1);
    }
  }

  @Test
  void anUnreachableTargetCutsTheClientConnection() throws Exception {
    int deadPort;
    try (ServerSocket reserved = new ServerSocket(0)) {
      deadPort = reserved.getLocalPort();
    }
    try (FaultProxy toNowhere = FaultProxy.start("127.0.0.1", deadPort)) {
      Socket client = new Socket(toNowhere.host(), toNowhere.port());
      clients.add(client);
      client.setSoTimeout(5_000);
      assertThatThrownBy(() -> {
        if (client.getInputStream().read() == -1) {
          throw new SocketException("end of stream");
        }
      }).isInstanceOf(SocketException.class);
    }
  }

  @Test
  void closeStopsListeningAndEndsConnections() throws Exception {
    Socket client = connect();
    assertThat(roundTrip(client, "one")).isEqualTo("one");
    proxy.close();
    assertThat(client.getInputStream().read()).isEqualTo(-1);
    assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
    proxy.heal(); // a closed proxy stays closed
    assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
  }

  @Test
  void negativeLatencyIsRefused() {
    assertThatThrownBy(() -> proxy.latency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
