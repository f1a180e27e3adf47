package dev.switchback.testkit.proxy;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 proxy on {@code 127.0.0.1} (an ephemeral port) in front of one HTTP server, for
 * protocol-level faults an adapter's SDK must handle: it records every request, and answers the
 * requests a test chose with a canned response instead of forwarding them. Point the client's
 * endpoint at {@link #uri()}.
 *
 * <pre>{@code
 * try (HttpFaultProxy proxy = HttpFaultProxy.start(dynamo.uri())) {
 *   proxy.answerNext(2, HttpFaultProxy.Answer.json(400,
 *       "{\"__type\":\"...#ProvisionedThroughputExceededException\",\"message\":\"slow down\"}"));
 *   // the third request is forwarded; proxy.requests() holds all three
 * }
 * }</pre>
 *
 * <p>Requests are forwarded with their method, path, query, headers (except hop-by-hop ones and
 * {@code Host}) and body; the response comes back with its status, headers and body. Thread safe.
 */
public final class HttpFaultProxy implements AutoCloseable {

  /** The host the proxy listens on. */
  public static final String HOST = "127.0.0.1";

  // The JDK client sets these itself and refuses them from callers.
  private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length",
      "expect", "upgrade", "transfer-encoding", "keep-alive", "te", "trailer");
  private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(30);

  /**
   * A canned response.
   *
   * @param status the HTTP status
   * @param contentType the {@code Content-Type}
   * @param body the body, in UTF-8
   */
  public record Answer(int status, String contentType, String body) {
    public Answer {
      requireNonNull(contentType, "contentType");
      requireNonNull(body, "body");
    }

    /** A JSON answer in the AWS JSON 1.0 protocol's content type. */
    public static Answer json(int status, String body) {
      return new Answer(status, "application/x-amz-json-1.0", body);
    }
  }

  /**
   * A request as the proxy received it.
   *
   * @param method the HTTP method
   * @param uri the path and query
   * @param headers the headers, names in lower case
   * @param body the body, decoded as UTF-8
   * @param answered whether the proxy answered it with a canned response instead of forwarding
   */
  public record Request(
      String method, String uri, Map<String, List<String>> headers, String body,
      boolean answered) {

    /** The first value of header {@code name} (any case), or an empty string. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? "" : values.get(0);
    }
  }

  private record Rule(Predicate<Request> matches, Answer answer, int[] remaining) {}

  private final URI target;
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient client;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ReentrantLock rulesLock = new ReentrantLock();
  private final Deque<Rule> rules = new ArrayDeque<>(); // guarded by rulesLock

  private HttpFaultProxy(URI target) throws IOException {
    this.target = target;
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "http-fault-proxy");
      thread.setDaemon(true);
      return thread;
    });
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(executor)
        .build();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a proxy forwarding to {@code target} ({@code http://host:port}).
   *
   * @throws UncheckedIOException if it cannot listen
   */
  public static HttpFaultProxy start(URI target) {
    requireNonNull(target, "target");
    try {
      return new HttpFaultProxy(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start an HTTP proxy on " + HOST, e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return URI.create("http://" + HOST + ":" + server.getAddress().getPort());
  }

  /** Answers the next {@code count} requests with {@code answer} instead of forwarding them. */
  public void answerNext(int count, Answer answer) {
    answerNext(count, request -> true, answer);
  }

  /**
   * Answers the next {@code count} requests that {@code matches} accepts with {@code answer}
   * instead of forwarding them; others are forwarded. Rules apply in the order they were added.
   */
  public void answerNext(int count, Predicate<Request> matches, Answer answer) {
    requireNonNull(matches, "matches");
    requireNonNull(answer, "answer");
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, got " + count);
    }
    rulesLock.lock();
    try {
      rules.add(new Rule(matches, answer, new int[] {count}));
    } finally {
      rulesLock.unlock();
    }
  }

  /** Every request received so far, in order of arrival. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Forgets the requests received so far. */
  public void clearRequests() {
    requests.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach(
          (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      String uri = exchange.getRequestURI().toString();
      Request probe = new Request(exchange.getRequestMethod(), uri, headers,
          new String(body, StandardCharsets.UTF_8), false);
      Answer canned = take(probe);
      requests.add(canned == null ? probe : new Request(probe.method(), probe.uri(),
          probe.headers(), probe.body(), true));
      if (canned != null) {
        byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", canned.contentType());
        exchange.sendResponseHeaders(canned.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
        return;
      }
      forward(exchange, uri, headers, body);
    }
  }

  private void forward(HttpExchange exchange, String uri, Map<String, List<String>> headers,
      byte[] body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(uri))
        .timeout(FORWARD_TIMEOUT)
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name)) {
        values.forEach(value -> request.header(name, value));
      }
    });
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      exchange.sendResponseHeaders(502, -1);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(502, -1);
      return;
    }
    Headers out = exchange.getResponseHeaders();
    response.headers().map().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        out.put(name, values);
      }
    });
    byte[] bytes = response.body();
    exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(bytes);
    }
  }

  private @Nullable Answer take(Request request) {
    rulesLock.lock();
    try {
      for (Rule rule : rules) {
        if (rule.remaining()[0] > 0 && rule.matches().test(request)) {
          rule.remaining()[0]--;
          if (rule.remaining()[0] == 0) {
            rules.remove(rule);
          }
          return rule.answer();
        }
      }
      return null;
    } finally {
      rulesLock.unlock();
    }
  }

  /** Stops listening and drops the rules. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "HttpFaultProxy[" + uri() + " -> " + target + "]";
  }
}
