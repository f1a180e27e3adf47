package dev.switchback.dynamodb.internal;

import dev.switchback.ConfigurationException;
import dev.switchback.aws.AwsClients;
import dev.switchback.dynamodb.DynamoDbSettings;
import dev.switchback.dynamodb.DynamoDbTable;
import dev.switchback.spi.ProviderContext;
import dev.switchback.spi.support.SettingChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Opens the {@link DynamoDbTable} a provider's settings describe: checks them (failing at start
 * naming the key), builds the SDK client on the shared {@link AwsClients} with explicit timeouts
 * and the SDK's standard retry strategy bounded by the settings, and creates the table when
 * {@code create-table} asks for it. Shared by the session and cache providers.
 */
public final class ConfiguredTable {
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
  private static final int MAX_ATTEMPTS = 10;

  private ConfiguredTable() {}

  /**
   * The table for {@code settings} under {@code prefix}; {@code reserved} are the attribute names
   * the store uses itself, which the TTL attribute must not take.
   *
   * @throws ConfigurationException naming every bad key at once
   */
  public static DynamoDbTable open(
      ProviderContext context, DynamoDbSettings settings, String prefix, Set<String> reserved) {
    check(settings, prefix, reserved);
    AwsClients aws = AwsClients.from(context);
    Duration base = settings.retry().baseDelay();
    Duration max = settings.retry().maxBackoff();
    RetryStrategy retries = AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(settings.retry().maxAttempts())
        .backoffStrategy(BackoffStrategy.exponentialDelay(base, max))
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(base, max))
        .build();
    DynamoDbClient client = aws.configure(DynamoDbClient.builder(), settings.endpoint())
        .overrideConfiguration(o -> o
            .apiCallTimeout(settings.apiCallTimeout())
            .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
            .retryStrategy(retries))
        .build();
    DynamoDbTable table = DynamoDbTable.builder()
        .client(client)
        .name(settings.table())
        .ttlAttribute(settings.ttlAttribute())
        .maxConcurrency(settings.maxConcurrency())
        .build();
    if (settings.createTable()) {
      try {
        table.createIfMissing();
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
    }
    return table;
  }

  private static void check(DynamoDbSettings settings, String prefix, Set<String> reserved) {
    List<String> problems = new ArrayList<>();
    if (!TABLE_NAME.matcher(settings.table()).matches()) {
      problems.add(prefix + ".table=" + settings.table() + " is not a table name; accepted"
          + " values: 3 to 255 letters, digits, '_', '-' or '.'");
    }
    String ttl = settings.ttlAttribute();
    if (ttl.isBlank() || ttl.length() > 255 || reserved.contains(ttl)) {
      problems.add(prefix + ".ttl-attribute=" + ttl + " is not usable; accepted values: 1 to 255"
          + " characters, other than the store's own attributes " + reserved);
    }
    positive(prefix + ".api-call-timeout", settings.apiCallTimeout(), problems);
    positive(prefix + ".api-call-attempt-timeout", settings.apiCallAttemptTimeout(), problems);
    if (settings.apiCallAttemptTimeout().compareTo(settings.apiCallTimeout()) > 0) {
      problems.add(prefix + ".api-call-attempt-timeout=" + settings.apiCallAttemptTimeout()
          + " is longer than " + prefix + ".api-call-timeout=" + settings.apiCallTimeout()
          + "; accepted values: at most the api-call-timeout");
    }
    int attempts = settings.retry().maxAttempts();
    if (attempts < 1 || attempts > MAX_ATTEMPTS) {
      problems.add(prefix + ".retry.max-attempts=" + attempts + " is out of range; accepted"
          + " values: 1 to " + MAX_ATTEMPTS);
    }
    positive(prefix + ".retry.base-delay", settings.retry().baseDelay(), problems);
    if (settings.retry().maxBackoff().compareTo(settings.retry().baseDelay()) < 0) {
      problems.add(prefix + ".retry.max-backoff=" + settings.retry().maxBackoff() + " is shorter"
          + " than " + prefix + ".retry.base-delay; accepted values: at least the base delay");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("Invalid configuration: " + String.join("; ", problems));
    }
    SettingChecks.atLeast(prefix + ".max-concurrency", 1, settings.maxConcurrency());
  }

  private static void positive(String key, Duration value, List<String> problems) {
    if (value.isNegative() || value.isZero()) {
      problems.add(key + "=" + value + " must be positive; accepted values: a positive duration"
          + " such as 500ms or 5s");
    }
  }
}
