package dev.switchback.testkit.aws;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A protocol-level AWS Secrets Manager for tests: an HTTP server on {@code 127.0.0.1} (an
 * ephemeral port) that answers {@code GetSecretValue} in the AWS JSON 1.1 protocol ({@code
 * X-Amz-Target: secretsmanager.GetSecretValue}) the way the service does, so adapters are tested
 * through the real SDK client with its endpoint set to {@link #endpoint()}.
 *
 * <pre>{@code
 * try (FakeSecretsManager secrets = FakeSecretsManager.start()) {
 *   secrets.putSecret("AmazonMSK_app", "{\"username\":\"app\",\"password\":\"p1\"}");
 *   // ... SecretsManagerClient.builder().endpointOverride(secrets.endpoint()) ...
 *   secrets.putSecret("AmazonMSK_app", "{\"username\":\"app\",\"password\":\"p2\"}");  // rotation
 * }
 * }</pre>
 *
 * <p>What it does as the service does:
 *
 * <ul>
 *   <li>A secret is found by its name or its full ARN ({@link #arn(String)}, which ends in a
 *       random six-character suffix as real ARNs do).
 *   <li>{@link #putSecret} on an existing secret is a rotation: the new value gets a new {@code
 *       VersionId} and the stage {@code AWSCURRENT}, the old one becomes {@code AWSPREVIOUS}.
 *       Without {@code VersionId} or {@code VersionStage} the current value is returned; with
 *       them, that version (previous versions stay readable).
 *   <li>Errors as the service sends them (HTTP 400, {@code __type} and {@code message}): {@code
 *       ResourceNotFoundException} for an unknown secret or version, {@code AccessDeniedException}
 *       for a secret {@link #denyAccess denied}, {@code InvalidParameterException} for a request
 *       without {@code SecretId}, {@code UnknownOperationException} for other targets.
 * </ul>
 *
 * <p>Requests are not checked for a valid signature; the access key id they were signed with is
 * recorded ({@link #requests()}), so a test can tell which credentials a client used. Thread
 * safe.
 */
public final class FakeSecretsManager implements AutoCloseable {

  /** The host the fake listens on. */
  public static final String HOST = "127.0.0.1";

  /** The region in the ARNs it makes. */
  public static final String REGION = "us-east-1";

  /** The account in the ARNs it makes. */
  public static final String ACCOUNT = "123456789012";

  /** The stage of the current version of a secret. */
  public static final String CURRENT = "AWSCURRENT";

  /** The stage of the version before the current one. */
  public static final String PREVIOUS = "AWSPREVIOUS";

  private static final String TARGET_PREFIX = "secretsmanager.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("Credential=([^/,\\s]+)/");
  private static final String SUFFIX_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /**
   * A request as the fake received it.
   *
   * @param operation the operation of the {@code X-Amz-Target} header, such as {@code
   *     GetSecretValue}
   * @param secretId the {@code SecretId} asked for, if any
   * @param versionId the {@code VersionId} asked for, if any
   * @param versionStage the {@code VersionStage} asked for, if any
   * @param accessKeyId the access key id of the request's SigV4 signature, if it was signed
   */
  public record Request(String operation, Optional<String> secretId, Optional<String> versionId,
      Optional<String> versionStage, Optional<String> accessKeyId) {
    public Request {
      requireNonNull(operation, "operation");
      requireNonNull(secretId, "secretId");
      requireNonNull(versionId, "versionId");
      requireNonNull(versionStage, "versionStage");
      requireNonNull(accessKeyId, "accessKeyId");
    }
  }

  private record Reply(int status, String errorType, ObjectNode body) {}

  private record Version(String versionId, String secretString, long createdEpochSeconds) {}

  /** A secret's versions, newest last; the last is AWSCURRENT, the one before AWSPREVIOUS. */
  private record Secret(String name, String arn, List<Version> versions) {
    Version current() {
      return versions.get(versions.size() - 1);
    }

    Optional<Version> previous() {
      return versions.size() < 2 ? Optional.empty() : Optional.of(versions.get(versions.size() - 2));
    }

    List<String> stages(Version version) {
      if (version == current()) {
        return List.of(CURRENT);
      }
      return previous().filter(p -> p == version).map(p -> List.of(PREVIOUS)).orElse(List.of());
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
  private final Set<String> denied = ConcurrentHashMap.newKeySet();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private FakeSecretsManager() throws IOException {
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "fake-secrets-manager");
      thread.setDaemon(true);
      return thread;
    });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a fake with no secrets.
   *
   * @throws UncheckedIOException if it cannot listen
   */
  public static FakeSecretsManager start() {
    try {
      return new FakeSecretsManager();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a Secrets Manager fake on " + HOST, e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: the endpoint override of the SDK client. */
  public URI endpoint() {
    return URI.create("http://" + HOST + ":" + server.getAddress().getPort());
  }

  /**
   * Sets the value of secret {@code name}: creates it, or rotates it (the new value becomes
   * {@code AWSCURRENT}, the old one {@code AWSPREVIOUS}).
   *
   * @return the new version's {@code VersionId}
   */
  public String putSecret(String name, String secretString) {
    requireNonNull(name, "name");
    requireNonNull(secretString, "secretString");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    Version version = new Version(UUID.randomUUID().toString(), secretString,
        System.currentTimeMillis() / 1000);
    secrets.compute(name, (key, existing) -> {
      List<Version> versions = new ArrayList<>(existing == null ? List.of() : existing.versions());
      versions.add(version);
      return new Secret(name, existing == null ? newArn(name) : existing.arn(),
          List.copyOf(versions));
    });
    return version.versionId();
  }

  /**
   * The full ARN of secret {@code name}.
   *
   * @throws IllegalArgumentException if there is no such secret
   */
  public String arn(String name) {
    Secret secret = secrets.get(requireNonNull(name, "name"));
    if (secret == null) {
      throw new IllegalArgumentException("no secret " + name);
    }
    return secret.arn();
  }

  /** Deletes secret {@code name} with all its versions; later requests for it are not found. */
  public void deleteSecret(String name) {
    secrets.remove(requireNonNull(name, "name"));
  }

  /**
   * Answers requests for secret {@code name} (by name or ARN) with {@code AccessDeniedException},
   * as for a caller whose policy does not allow {@code secretsmanager:GetSecretValue}.
   */
  public void denyAccess(String name) {
    denied.add(requireNonNull(name, "name"));
  }

  /** Undoes {@link #denyAccess}. */
  public void allowAccess(String name) {
    denied.remove(requireNonNull(name, "name"));
  }

  /** Every request received so far, in order of arrival. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests so far for {@code operation}, such as {@code GetSecretValue}. */
  public List<Request> requests(String operation) {
    return requests.stream().filter(r -> r.operation().equals(operation)).toList();
  }

  /** Forgets the requests received so far. */
  public void clearRequests() {
    requests.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
          .orElse("");
      String operation = target.startsWith(TARGET_PREFIX)
          ? target.substring(TARGET_PREFIX.length()) : target;
      JsonNode request = parse(body);
      Request received = new Request(operation, text(request, "SecretId"),
          text(request, "VersionId"), text(request, "VersionStage"),
          accessKeyId(exchange.getRequestHeaders().getFirst("Authorization")));
      requests.add(received);
      if (request == null) {
        send(exchange, error("SerializationException", "the request body is not a JSON object"));
      } else if (!"GetSecretValue".equals(operation) || !target.startsWith(TARGET_PREFIX)) {
        send(exchange, error("UnknownOperationException", "unknown operation " + target));
      } else {
        send(exchange, getSecretValue(received));
      }
    }
  }

  private Reply getSecretValue(Request request) {
    if (request.secretId().isEmpty() || request.secretId().get().isBlank()) {
      return error("InvalidParameterException", "You must provide a value for SecretId.");
    }
    String id = request.secretId().get();
    Secret secret = find(id);
    if (secret != null && (denied.contains(secret.name()) || denied.contains(secret.arn()))) {
      return error("AccessDeniedException", "User: arn:aws:iam::" + ACCOUNT + ":user/test is not"
          + " authorized to perform: secretsmanager:GetSecretValue on resource: " + id
          + " because no identity-based policy allows the secretsmanager:GetSecretValue action");
    }
    if (secret == null) {
      return error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }
    Optional<Version> version = version(secret, request.versionId(), request.versionStage());
    if (version.isEmpty()) {
      return error("ResourceNotFoundException",
          "Secrets Manager can't find the specified secret value for "
              + request.versionId().map(v -> "VersionId: " + v)
                  .orElseGet(() -> "staging label: " + request.versionStage().orElse("")));
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("ARN", secret.arn());
    body.put("Name", secret.name());
    body.put("VersionId", version.get().versionId());
    body.put("SecretString", version.get().secretString());
    secret.stages(version.get()).forEach(body.putArray("VersionStages")::add);
    body.put("CreatedDate", version.get().createdEpochSeconds());
    return new Reply(200, "", body);
  }

  private @Nullable Secret find(String id) {
    Secret byName = secrets.get(id);
    if (byName != null) {
      return byName;
    }
    return secrets.values().stream().filter(s -> s.arn().equals(id)).findFirst().orElse(null);
  }

  private static Optional<Version> version(
      Secret secret, Optional<String> versionId, Optional<String> stage) {
    Optional<Version> byStage = stage.isEmpty() ? Optional.of(secret.current())
        : CURRENT.equals(stage.get()) ? Optional.of(secret.current())
        : PREVIOUS.equals(stage.get()) ? secret.previous()
        : Optional.empty();
    if (versionId.isEmpty()) {
      return byStage;
    }
    Optional<Version> byId = secret.versions().stream()
        .filter(v -> v.versionId().equals(versionId.get())).findFirst();
    // Both given: they must name the same version, as the service requires.
    return stage.isEmpty() ? byId : byId.filter(v -> byStage.map(s -> s == v).orElse(false));
  }

  private static Reply error(String type, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", type);
    body.put("message", message);
    return new Reply(400, type, body);
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(reply.body());
    exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    if (!reply.errorType().isEmpty()) {
      exchange.getResponseHeaders().add("x-amzn-ErrorType", reply.errorType());
    }
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static @Nullable JsonNode parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Optional<String> text(@Nullable JsonNode request, String field) {
    if (request == null) {
      return Optional.empty();
    }
    JsonNode value = request.get(field);
    return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.asText());
  }

  private static Optional<String> accessKeyId(@Nullable String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    Matcher matcher = ACCESS_KEY_ID.matcher(authorization);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static String newArn(String name) {
    StringBuilder suffix = new StringBuilder(6);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 6; i++) {
      suffix.append(SUFFIX_CHARACTERS.charAt(random.nextInt(SUFFIX_CHARACTERS.length())));
    }
    return "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + name + "-" + suffix;
  }

  /** Stops listening. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "FakeSecretsManager[" + endpoint() + ", " + secrets.size() + " secrets]";
  }
}
