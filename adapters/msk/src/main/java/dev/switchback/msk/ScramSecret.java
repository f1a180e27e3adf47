package dev.switchback.msk;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchback.BackendUnavailableException;
import dev.switchback.ConfigurationException;
import dev.switchback.SwitchbackException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The SCRAM credentials of an MSK cluster, held in an AWS Secrets Manager secret as MSK wants
 * them: a name starting with {@value #NAME_PREFIX} and the value {@code
 * {"username":"...","password":"..."}}.
 *
 * <p>{@link #read} reads the secret once, at start, and fails there if it is missing, denied or
 * malformed. {@link #get()} then answers from that copy; when the copy is older than {@code
 * refreshAfter}, or was {@link #invalidate() invalidated} after a refused login, {@code get()}
 * first reads the secret again, so a connection opened after the secret was rotated logs in with
 * the new password. A re-read that fails keeps the copy it has (logged with the failure's type,
 * never a value) and is tried again only after another {@code refreshAfter}, so an outage of
 * Secrets Manager neither breaks logins with a still-valid password nor floods the service.
 *
 * <p>Thread safe: callers that find the copy stale at once share one read. Neither the password
 * nor the secret's text ever appear in a message, a log or {@link #toString()}.
 */
public final class ScramSecret implements Supplier<ScramCredentials> {
  private static final System.Logger LOG = System.getLogger(ScramSecret.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** MSK associates only secrets whose name starts with this: {@code AmazonMSK_}. */
  public static final String NAME_PREFIX = "AmazonMSK_";

  /** How old the copy may get before a login reads the secret again: 30 seconds. */
  public static final Duration DEFAULT_REFRESH_AFTER = Duration.ofSeconds(30);

  private final SecretsManagerClient client;
  private final String secretId;
  private final String key;
  private final Duration refreshAfter;
  private final Clock clock;
  private final ReentrantLock reading = new ReentrantLock();
  private volatile Copy copy;

  /** The credentials as last read, and when that read was tried. */
  private record Copy(ScramCredentials credentials, Instant triedAt, boolean invalidated) {}

  private ScramSecret(SecretsManagerClient client, String secretId, String key,
      Duration refreshAfter, Clock clock) {
    this.client = client;
    this.secretId = secretId;
    this.key = key;
    this.refreshAfter = refreshAfter;
    this.clock = clock;
    this.copy = new Copy(fetch(), clock.instant(), false);
  }

  /**
   * Reads secret {@code secretId} (a name or an ARN) with {@code client}, now.
   *
   * @param key the configuration key that named the secret, for messages
   * @param refreshAfter how old the copy may get before a login reads the secret again; positive
   * @throws ConfigurationException naming {@code key} if the name does not start with {@value
   *     #NAME_PREFIX}, the secret does not exist, access to it is denied, or its value is not
   *     JSON with a {@code username} and a {@code password}
   * @throws BackendUnavailableException if Secrets Manager cannot be reached or fails
   */
  public static ScramSecret read(SecretsManagerClient client, String secretId, String key,
      Duration refreshAfter, Clock clock) {
    requireNonNull(client, "client");
    requireNonNull(secretId, "secretId");
    requireNonNull(key, "key");
    requireNonNull(refreshAfter, "refreshAfter");
    requireNonNull(clock, "clock");
    if (refreshAfter.isNegative() || refreshAfter.isZero()) {
      throw new IllegalArgumentException("refreshAfter must be positive, got " + refreshAfter);
    }
    requireMskName(key, secretId);
    return new ScramSecret(client, secretId, key, refreshAfter, clock);
  }

  /**
   * Checks that {@code secretId}, a secret name or ARN, names a secret MSK can use: its name
   * starts with {@value #NAME_PREFIX}.
   *
   * @throws ConfigurationException naming {@code key} otherwise
   */
  public static String requireMskName(String key, String secretId) {
    String id = secretId.trim();
    String name = id;
    if (id.startsWith("arn:")) {
      int at = id.indexOf(":secret:");
      if (at < 0 || !id.contains(":secretsmanager:")) {
        throw new ConfigurationException("Invalid value for " + key + ": '" + id + "' is not a"
            + " Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:"
            + NAME_PREFIX + "...); give the secret's name or ARN");
      }
      name = id.substring(at + ":secret:".length());
    }
    if (!name.startsWith(NAME_PREFIX) || name.length() == NAME_PREFIX.length()) {
      throw new ConfigurationException("Invalid value for " + key + ": '" + id + "': MSK uses"
          + " only secrets whose name starts with " + NAME_PREFIX + " (for example "
          + NAME_PREFIX + "my-app); name the secret so and associate it with the cluster");
    }
    return id;
  }

  /**
   * The credentials: the copy, read again first if it is older than {@code refreshAfter} or was
   * invalidated. A failed re-read keeps the copy.
   */
  @Override
  public ScramCredentials get() {
    Copy current = copy;
    if (isFresh(current)) {
      return current.credentials();
    }
    reading.lock();
    try {
      current = copy;
      if (isFresh(current)) {
        return current.credentials();
      }
      Instant now = clock.instant();
      try {
        copy = new Copy(fetch(), now, false);
      } catch (SwitchbackException e) {
        // Messages name the secret and the failure's kind only; the value never reaches them.
        LOG.log(Level.WARNING, () -> "cannot read the MSK SCRAM secret " + secretId + " again ("
            + e.getMessage() + "); logging in with the copy it has, next try in "
            + refreshAfter);
        copy = new Copy(current.credentials(), now, false);
      }
      return copy.credentials();
    } finally {
      reading.unlock();
    }
  }

  /**
   * Marks the copy stale, so the next login reads the secret again: for when the cluster
   * refused the credentials (the secret may have been rotated).
   */
  public void invalidate() {
    reading.lock();
    try {
      Copy current = copy;
      copy = new Copy(current.credentials(), current.triedAt(), true);
    } finally {
      reading.unlock();
    }
  }

  /** The secret's name or ARN, as configured. */
  public String secretId() {
    return secretId;
  }

  /** How old the copy may get before a login reads the secret again. */
  public Duration refreshAfter() {
    return refreshAfter;
  }

  private boolean isFresh(Copy current) {
    return !current.invalidated()
        && clock.instant().isBefore(current.triedAt().plus(refreshAfter));
  }

  private ScramCredentials fetch() {
    GetSecretValueResponse response;
    try {
      response = client.getSecretValue(r -> r.secretId(secretId));
    } catch (ResourceNotFoundException e) {
      throw new ConfigurationException("Invalid value for " + key + ": Secrets Manager has no"
          + " secret '" + secretId + "' (or it has no current value) in the region of"
          + " switchback.aws.region; create it, or name an existing secret", e);
    } catch (SecretsManagerException e) {
      String code = errorCode(e);
      if ("AccessDeniedException".equals(code) || "DecryptionFailure".equals(code)) {
        throw new ConfigurationException("cannot read the secret '" + secretId + "' named by "
            + key + ": " + code + "; the switchback.aws credentials need"
            + " secretsmanager:GetSecretValue on it and kms:Decrypt on its KMS key", e);
      }
      throw new BackendUnavailableException("cannot read the secret '" + secretId + "' named by "
          + key + " from Secrets Manager (" + (code == null ? "status " + e.statusCode() : code)
          + ")", e);
    } catch (SdkException e) {
      throw new BackendUnavailableException("cannot read the secret '" + secretId + "' named by "
          + key + " from Secrets Manager (" + e.getClass().getSimpleName() + ")", e);
    }
    return parse(response.secretString());
  }

  private ScramCredentials parse(@Nullable String secretString) {
    String expected = "; MSK wants a JSON object with the string fields username and password";
    if (secretString == null) {
      throw new ConfigurationException("the secret '" + secretId + "' named by " + key
          + " holds binary data, not a SecretString" + expected);
    }
    JsonNode json;
    try {
      json = JSON.readTree(secretString);
    } catch (IOException e) {
      // Not the parser's message: it quotes the text it read, which is the secret.
      throw new ConfigurationException("the value of the secret '" + secretId + "' named by "
          + key + " is not JSON" + expected);
    }
    String username = field(json, "username");
    String password = field(json, "password");
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      throw new ConfigurationException("the value of the secret '" + secretId + "' named by "
          + key + " lacks " + (username == null || username.isBlank() ? "username" : "password")
          + expected);
    }
    return new ScramCredentials(username, password);
  }

  private static @Nullable String field(@Nullable JsonNode json, String name) {
    if (json == null || !json.isObject()) {
      return null;
    }
    JsonNode value = json.get(name);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static @Nullable String errorCode(SecretsManagerException e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  /** Names the secret and the refresh age; never its value. */
  @Override
  public String toString() {
    return "ScramSecret[" + secretId + ", username=" + copy.credentials().username()
        + ", refreshAfter=" + refreshAfter + "]";
  }
}
