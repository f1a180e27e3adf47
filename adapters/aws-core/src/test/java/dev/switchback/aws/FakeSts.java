package dev.switchback.aws;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A protocol-level STS for tests: answers {@code AssumeRoleWithWebIdentity} and {@code
 * GetCallerIdentity} in the AWS query protocol the SDK speaks, and records every request.
 */
final class FakeSts implements AutoCloseable {
  static final String ASSUMED_KEY_ID = "ASIAFAKEASSUMED";
  static final String ASSUMED_SECRET = "assumed-secret";
  static final String ASSUMED_SESSION_TOKEN = "assumed-session-token";

  /** One request as received. */
  record Received(Map<String, String> form, String authorization) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  FakeSts() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  private void answer(HttpExchange exchange) throws IOException {
    Map<String, String> form = new HashMap<>();
    String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), UTF_8));
      }
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    received.add(new Received(form, authorization == null ? "" : authorization));
    String action = form.getOrDefault("Action", "");
    String xml = switch (action) {
      case "AssumeRoleWithWebIdentity" -> assumeRoleResponse();
      case "GetCallerIdentity" -> callerIdentityResponse();
      default -> null;
    };
    byte[] bytes = (xml == null ? "<ErrorResponse/>" : xml).getBytes(UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    exchange.sendResponseHeaders(xml == null ? 400 : 200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String assumeRoleResponse() {
    return "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
        + "<AssumeRoleWithWebIdentityResult><Credentials>"
        + "<AccessKeyId>" + ASSUMED_KEY_ID + "</AccessKeyId>"
        + "<SecretAccessKey>" + ASSUMED_SECRET + "</SecretAccessKey>"
        + "<SessionToken>" + ASSUMED_SESSION_TOKEN + "</SessionToken>"
        + "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
        + "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/app/switchback</Arn>"
        + "<AssumedRoleId>AROAFAKE:switchback</AssumedRoleId></AssumedRoleUser>"
        + "</AssumeRoleWithWebIdentityResult>"
        + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
        + "</AssumeRoleWithWebIdentityResponse>";
  }

  private static String callerIdentityResponse() {
    return "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
        + "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/app</Arn>"
        + "<UserId>AIDAFAKE</UserId><Account>123456789012</Account></GetCallerIdentityResult>"
        + "<ResponseMetadata><RequestId>2</RequestId></ResponseMetadata>"
        + "</GetCallerIdentityResponse>";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
