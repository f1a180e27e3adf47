package dev.switchback.samples.plain;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchback.AuthenticationFailedException;
import dev.switchback.Capability;
import dev.switchback.InvalidInputException;
import dev.switchback.InvalidTokenException;
import dev.switchback.Switchback;
import dev.switchback.SwitchbackException;
import dev.switchback.auth.Principal;
import dev.switchback.auth.Tokens;
import dev.switchback.auth.UserDirectory;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Subscription;
import dev.switchback.migration.Migration;
import dev.switchback.migration.MigrationStatus;
import dev.switchback.sessions.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP service on Switchback: log in (Auth), a session per login (Sessions), a key-value
 * store (Cache), events published and consumed (Messaging), and the migration status. Its cache
 * and sessions migrate between two in-memory stores; edit {@code stages.properties} in the
 * working directory to move them while it runs.
 *
 * <pre>
 *   POST /login          username=..&amp;password=..   → tokens and a session id
 *   GET  /me             Authorization: Bearer ..    → who the token speaks for
 *   PUT  /cache/{key}    body                        → stored (?ttl=seconds)
 *   GET  /cache/{key}                                → the value, or 404
 *   GET  /sessions/{id}                              → the session, or 404
 *   POST /events         body                        → published to sample-events
 *   GET  /events                                     → how many events the subscriber handled
 *   GET  /status                                     → stage, counters and verdict per migration
 * </pre>
 */
public final class SampleService implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SampleService.class.getName());
  static final String TOPIC = "sample-events";
  static final String DEMO_USER = "alice";
  static final String DEMO_PASSWORD = "wonderland";

  private final Switchback switchback;
  private final HttpServer server;
  private final Subscription subscription;
  private final AtomicLong handled = new AtomicLong();

  private SampleService(Switchback switchback, HttpServer server) {
    this.switchback = switchback;
    this.server = server;
    this.subscription =
        switchback.messaging().subscribe(TOPIC, "sample", m -> {
          handled.incrementAndGet();
          return java.util.concurrent.CompletableFuture.completedFuture(null);
        });
    server.createContext("/", this::route);
    server.setExecutor(Executors.newFixedThreadPool(8));
  }

  /**
   * Starts the service on {@code port} (0 for any free one) with the sample's configuration plus
   * {@code overrides}. Creates {@code stages.properties} in the working directory if missing.
   */
  public static SampleService start(int port, Map<String, String> overrides) throws IOException {
    Path stages = Path.of("stages.properties");
    if (!overrides.containsKey("switchback.control.source") && Files.notExists(stages)) {
      Files.writeString(stages, """
          # Move the sample's migrations by editing this file while it runs; see the sample's README.
          # Stages: off, dualwrite, shadow, live, rampdown, complete (forward one at a time).
          switchback.cache.migration.stage=off
          switchback.sessions.migration.stage=off
          switchback.cache.migration.canary-percent=100
          """);
    }
    Switchback switchback = Switchback.fromConfig(overrides);
    try {
      UserDirectory users = switchback.auth().ability(UserDirectory.class).orElseThrow();
      users.upsert(DEMO_USER, DEMO_PASSWORD.toCharArray(), Set.of("readers")).toCompletableFuture().join();
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      SampleService service = new SampleService(switchback, server);
      server.start();
      LOG.log(System.Logger.Level.INFO, "sample listening on http://127.0.0.1:{0}; edit {1} to move the migration",
          String.valueOf(service.port()), stages.toAbsolutePath());
      return service;
    } catch (IOException | RuntimeException e) {
      switchback.close();
      throw e;
    }
  }

  /** The port the service listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The Switchback instance behind the service. */
  Switchback switchback() {
    return switchback;
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getProperty("sample.port", System.getenv().getOrDefault("PORT", "8080")));
    SampleService service = start(port, Map.of());
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "sample-shutdown"));
    System.out.println("Switchback sample on http://127.0.0.1:" + service.port()
        + "  (try: curl -d 'username=alice&password=wonderland' http://127.0.0.1:" + service.port() + "/login)");
  }

  @Override
  public void close() {
    server.stop(0);
    subscription.close();
    switchback.close();
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdown();
  }

  // ---- routes -----------------------------------------------------------------------------

  private void route(HttpExchange x) throws IOException {
    try {
      String path = x.getRequestURI().getPath();
      String method = x.getRequestMethod();
      if (method.equals("POST") && path.equals("/login")) {
        login(x);
      } else if (method.equals("GET") && path.equals("/me")) {
        me(x);
      } else if (path.startsWith("/cache/") && path.length() > 7) {
        cache(x, method, URLDecoder.decode(path.substring(7), UTF_8));
      } else if (method.equals("GET") && path.startsWith("/sessions/")) {
        session(x, path.substring(10));
      } else if (path.equals("/events")) {
        events(x, method);
      } else if (method.equals("GET") && path.equals("/status")) {
        send(x, 200, status());
      } else {
        send(x, 404, Json.object(Map.of("error", "no route " + method + " " + path)));
      }
    } catch (CompletionException e) {
      fail(x, e.getCause() == null ? e : e.getCause());
    } catch (RuntimeException e) {
      fail(x, e);
    } finally {
      x.close();
    }
  }

  private void login(HttpExchange x) throws IOException {
    Map<String, String> form = form(new String(x.getRequestBody().readAllBytes(), UTF_8));
    Tokens tokens = join(switchback.auth().login(form.getOrDefault("username", ""),
        form.getOrDefault("password", "").toCharArray()));
    Principal who = join(switchback.auth().verify(tokens.accessToken()));
    Session session = join(switchback.sessions().create(who.subject(),
        Map.of("username", who.username()), Duration.ofMinutes(30)));
    send(x, 200, Json.object(Map.of(
        "access_token", tokens.accessToken(),
        "expires_at", tokens.expiresAt().toString(),
        "session", session.id())));
  }

  private void me(HttpExchange x) throws IOException {
    String header = x.getRequestHeaders().getFirst("Authorization");
    String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
    Principal who = join(switchback.auth().verify(token));
    send(x, 200, Json.object(Map.of(
        "subject", who.subject(), "username", who.username(),
        "groups", List.copyOf(who.groups()), "issuer", who.issuer())));
  }

  private void cache(HttpExchange x, String method, String key) throws IOException {
    switch (method) {
      case "PUT" -> {
        byte[] body = x.getRequestBody().readAllBytes();
        String ttl = form(x.getRequestURI().getRawQuery()).get("ttl");
        join(switchback.cache().put(key, body, ttl == null ? null : Duration.ofSeconds(Long.parseLong(ttl))));
        send(x, 204, null);
      }
      case "GET" -> {
        var value = join(switchback.cache().get(key));
        if (value.isPresent()) {
          sendBytes(x, 200, value.get(), "application/octet-stream");
        } else {
          send(x, 404, Json.object(Map.of("error", "no value")));
        }
      }
      case "DELETE" -> send(x, join(switchback.cache().delete(key)) ? 204 : 404, null);
      default -> send(x, 405, Json.object(Map.of("error", "use GET, PUT or DELETE")));
    }
  }

  private void session(HttpExchange x, String id) throws IOException {
    var session = join(switchback.sessions().get(id));
    if (session.isEmpty()) {
      send(x, 404, Json.object(Map.of("error", "no such session")));
      return;
    }
    Session s = session.get();
    send(x, 200, Json.object(Map.of(
        "subject", s.subject(), "version", s.version(),
        "expires_at", s.expiresAt().toString(), "attributes", s.attributes())));
  }

  private void events(HttpExchange x, String method) throws IOException {
    if (method.equals("POST")) {
      join(switchback.messaging().publish(TOPIC, Message.of(x.getRequestBody().readAllBytes())));
      send(x, 202, null);
    } else {
      send(x, 200, Json.object(Map.of("handled", handled.get())));
    }
  }

  private String status() {
    Map<String, Object> all = new LinkedHashMap<>();
    for (Capability c : Capability.values()) {
      switchback.migration(c).map(Migration::status).ifPresent(s -> all.put(c.key(), describe(s)));
    }
    return Json.object(all);
  }

  private static Map<String, Object> describe(MigrationStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", s.stage().configName());
    m.put("canary_percent", s.canaryPercent());
    m.put("old", Map.of("backend", s.oldBackend(), "operations", s.oldStats().operations(),
        "errors", s.oldStats().errors(), "p50_us", s.oldStats().p50().toNanos() / 1000));
    m.put("new", Map.of("backend", s.newBackend(), "operations", s.newStats().operations(),
        "errors", s.newStats().errors(), "p50_us", s.newStats().p50().toNanos() / 1000));
    m.put("comparisons", s.comparisons());
    m.put("mismatches", s.mismatches());
    m.put("divergence_backlog", s.divergenceBacklog());
    m.put("guard", Map.of("tripped", s.guard().tripped(),
        "reason", s.guard().reason() == null ? "" : s.guard().reason()));
    m.put("safe_to_advance", s.verdict().safeToAdvance());
    m.put("reasons", s.verdict().reasons());
    return m;
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private static void fail(HttpExchange x, Throwable t) throws IOException {
    int code = t instanceof AuthenticationFailedException || t instanceof InvalidTokenException ? 401
        : t instanceof InvalidInputException || t instanceof NumberFormatException ? 400
        : t instanceof SwitchbackException ? 503 : 500;
    if (code == 500) {
      LOG.log(System.Logger.Level.WARNING, "request failed", t);
    }
    send(x, code, Json.object(Map.of("error", String.valueOf(t.getMessage()))));
  }

  private static void send(HttpExchange x, int code, String json) throws IOException {
    if (json == null) {
      x.sendResponseHeaders(code, -1);
      return;
    }
    sendBytes(x, code, json.getBytes(UTF_8), "application/json");
  }

  private static void sendBytes(HttpExchange x, int code, byte[] body, String type) throws IOException {
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(code, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> out = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), UTF_8), URLDecoder.decode(pair.substring(eq + 1), UTF_8));
      }
    }
    return out;
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SwitchbackException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new dev.switchback.OperationTimeoutException("no answer within 10 s", e);
    }
  }
}
