import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixed-concurrency, fixed-duration load driver for the orders service, run as a source file:
 *
 * <pre>
 *   java samples/orders-service/load/OrdersLoad.java read  [concurrency=16] [seconds=20] [base=http://localhost:8080]
 *   java samples/orders-service/load/OrdersLoad.java write [concurrency=16] [seconds=20] [base=http://localhost:8080]
 * </pre>
 *
 * {@code read} places one order, then GETs it in a loop from every worker; {@code write} POSTs
 * orders in a loop. Each worker sends one request at a time. A warm-up of a fifth of the
 * duration runs first and is not counted. Prints requests per second and failures (any status
 * other than the expected one).
 */
public final class OrdersLoad {
  private static final Pattern SESSION = Pattern.compile("\"session\":\"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "read";
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String base = args.length > 3 ? args[3] : "http://localhost:8080";
    if (!mode.equals("read") && !mode.equals("write")) {
      throw new IllegalArgumentException("mode must be read or write, was " + mode);
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(2)).build();
    String session = find(SESSION, send(http, post(base + "/login", "",
        "{\"username\":\"demo\",\"password\":\"demo-password\"}"), 200));
    HttpRequest order = post(base + "/orders", session, "{\"item\":\"tea\",\"quantity\":1}");
    HttpRequest request = mode.equals("write") ? order
        : HttpRequest.newBuilder(URI.create(base + "/orders/" + find(ID, send(http, order, 201))))
            .header("Cookie", "session=" + session).GET().build();
    int expected = mode.equals("write") ? 201 : 200;

    run(http, request, expected, concurrency, Math.max(1, seconds / 5));
    long[] counted = run(http, request, expected, concurrency, seconds);
    System.out.printf("%s: %d workers, %d s: %.0f requests/s, %d failed%n",
        mode, concurrency, seconds, counted[0] / (double) seconds, counted[1]);
    System.exit(0);
  }

  private static long[] run(HttpClient http, HttpRequest request, int expected, int concurrency,
      int seconds) throws Exception {
    LongAdder ok = new LongAdder();
    LongAdder failed = new LongAdder();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      all.add(workers.submit(() -> {
        while (running.get()) {
          try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            (status == expected ? ok : failed).increment();
          } catch (Exception e) {
            failed.increment();
          }
        }
        return null;
      }));
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    for (Future<?> f : all) {
      f.get();
    }
    workers.shutdown();
    return new long[] {ok.sum(), failed.sum()};
  }

  private static HttpRequest post(String url, String session, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    return session.isEmpty() ? b.build() : b.header("Cookie", "session=" + session).build();
  }

  private static String send(HttpClient http, HttpRequest request, int expected) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.body();
  }

  private static String find(Pattern pattern, String body) {
    Matcher m = pattern.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no " + pattern + " in " + body);
    }
    return m.group(1);
  }
}
