package dev.switchback.benchmarks;

import dev.switchback.Switchback;
import dev.switchback.aws.AwsClients;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.Sessions;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Sessions get through Switchback's DynamoDB session store against a raw DynamoDB SDK {@code
 * GetItem} of the same item (strongly consistent), on the same dynalite server.
 *
 * <ul>
 *   <li>{@code switchback}: the {@link Sessions} of {@code Switchback.fromConfig} with {@code
 *       switchback.sessions.backend=dynamodb}, other settings at their defaults (the SDK's
 *       synchronous client on the URL-connection HTTP client, run on the store's threads).
 *   <li>{@code sdk-async}: {@link DynamoDbAsyncClient} on the Netty HTTP client, joined.
 *   <li>{@code sdk-sync}: {@link DynamoDbClient} on the URL-connection HTTP client, called on the
 *       benchmark thread: the client Switchback uses, without Switchback;
 *   <li>{@code sdk-sync-pool}: the same, run on a pool of 16 threads as Switchback's store runs
 *       it (the caller waits for the pool's thread): what the hand-over to a thread costs.
 * </ul>
 *
 * <p>The raw clients get the same region, static credentials, endpoint and call timeouts as
 * Switchback's defaults (5 s per call, 2 s per attempt). The session has a subject, three
 * attributes and a one-hour TTL; each fork creates its own through Switchback, in the same table.
 *
 * <p>{@link #throughput}: four threads each issuing a get and joining it; {@link #latency}: one
 * caller, sample time.
 *
 * <p>Not final: JMH generates subclasses of benchmark and state classes.
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
public class DynamoDbSessionsBenchmark {
  private static final String TABLE = "switchback-benchmark-sessions";
  private static final Region REGION = Region.EU_WEST_1;
  private static final String KEY_ID = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
  /** As many as Switchback's store runs calls on by default. */
  private static final int POOL_THREADS = 16;

  /** Which client the gets go through. */
  @Param({"switchback", "sdk-async", "sdk-sync", "sdk-sync-pool"})
  public String path = "switchback";

  private @Nullable Switchback switchback;
  private @Nullable Sessions sessions;
  private @Nullable DynamoDbAsyncClient asyncClient;
  private @Nullable DynamoDbClient syncClient;
  private String id = "";
  private @Nullable GetItemRequest request;
  private @Nullable ExecutorService pool;

  /** Creates the table if missing and a session in it, then opens the client of {@link #path}. */
  @Setup(Level.Trial)
  public void setUp() {
    URI endpoint = BenchmarkServers.DYNAMODB.uri();
    Switchback instance = Switchback.fromConfig(config(endpoint));
    Session session = instance.sessions()
        .create("user-10001", Map.of("role", "admin", "locale", "en-GB", "tenant", "acme"),
            Duration.ofHours(1))
        .toCompletableFuture().join();
    id = session.id();
    if ("switchback".equals(path)) {
      switchback = instance;
      sessions = instance.sessions();
      return;
    }
    instance.close();
    request = GetItemRequest.builder()
        .tableName(TABLE)
        .key(Map.of("id", AttributeValue.fromS(id)))
        .consistentRead(true)
        .build();
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET));
    Consumer<ClientOverrideConfiguration.Builder> timeouts =
        o -> o.apiCallTimeout(API_CALL_TIMEOUT).apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT);
    switch (path) {
      case "sdk-async" -> asyncClient = DynamoDbAsyncClient.builder()
          .endpointOverride(endpoint)
          .region(REGION)
          .credentialsProvider(credentials)
          .httpClientBuilder(NettyNioAsyncHttpClient.builder())
          .overrideConfiguration(timeouts)
          .build();
      case "sdk-sync", "sdk-sync-pool" -> syncClient = DynamoDbClient.builder()
          .endpointOverride(endpoint)
          .region(REGION)
          .credentialsProvider(credentials)
          .httpClientBuilder(Apache5HttpClient.builder()
              .connectionTimeout(AwsClients.CONNECT_TIMEOUT)
              .socketTimeout(AwsClients.SOCKET_TIMEOUT)
              .maxConnections(AwsClients.MAX_CONNECTIONS))
          .overrideConfiguration(timeouts)
          .build();
      default -> throw new IllegalArgumentException("unknown path " + path);
    }
    if ("sdk-sync-pool".equals(path)) {
      ThreadPoolExecutor threads = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 60,
          TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "benchmark-sdk-pool");
            t.setDaemon(true);
            return t;
          });
      threads.allowCoreThreadTimeOut(true);
      pool = threads;
    }
  }

  private static Map<String, String> config(URI endpoint) {
    Map<String, String> properties = new HashMap<>();
    properties.put("switchback.aws.region", REGION.id());
    properties.put("switchback.aws.credentials", "static");
    properties.put("switchback.aws.static.access-key-id", KEY_ID);
    properties.put("switchback.aws.static.secret-access-key", SECRET);
    properties.put("switchback.sessions.backend", "dynamodb");
    properties.put("switchback.sessions.dynamodb.table", TABLE);
    properties.put("switchback.sessions.dynamodb.endpoint", endpoint.toString());
    properties.put("switchback.sessions.dynamodb.create-table", "true");
    return properties;
  }

  /** Closes what {@link #setUp()} opened. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (switchback != null) {
      switchback.close();
    }
    if (asyncClient != null) {
      asyncClient.close();
    }
    if (pool != null) {
      pool.shutdownNow();
    }
    if (syncClient != null) {
      syncClient.close();
    }
  }

  /** Four callers, each reading the session and joining the read before the next. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  public Object throughput() {
    return get();
  }

  /** One caller reading the session; the distribution of its wait. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(1)
  public Object latency() {
    return get();
  }

  private Object get() {
    if (sessions != null) {
      Optional<Session> found = sessions.get(id).toCompletableFuture().join();
      return found;
    }
    if (asyncClient != null) {
      GetItemResponse response = asyncClient.getItem(request).join();
      return response;
    }
    DynamoDbClient sync = syncClient;
    if (sync != null && pool != null) {
      return CompletableFuture.supplyAsync(() -> sync.getItem(request), pool).join();
    }
    if (sync != null) {
      return sync.getItem(request);
    }
    throw new IllegalStateException("not set up");
  }
}
