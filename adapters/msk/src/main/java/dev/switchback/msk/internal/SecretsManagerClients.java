package dev.switchback.msk.internal;

import dev.switchback.aws.AwsClients;
import dev.switchback.spi.ProviderContext;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * One Secrets Manager client per {@code Switchback} instance, on its shared AWS clients ({@code
 * switchback.aws.*}: region, credentials, HTTP client, endpoint override), closed with the
 * instance.
 */
public final class SecretsManagerClients {

  /** The key of the client in the instance's shared resources. */
  public static final String RESOURCE_KEY = "switchback.aws.secretsmanager";

  /**
   * The longest a secret read may take, retries included: 5 seconds, since a login that finds
   * its copy stale waits for it.
   */
  public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);

  /** The longest one attempt of a secret read may take: 2 seconds. */
  public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

  private SecretsManagerClients() {}

  /** The instance's client, built on first use. */
  public static SecretsManagerClient shared(ProviderContext context, AwsClients aws) {
    return context.resources().computeIfAbsent(RESOURCE_KEY, SecretsManagerClient.class,
        () -> aws.configure(SecretsManagerClient.builder(), Optional.empty())
            .overrideConfiguration(c -> c.apiCallTimeout(API_CALL_TIMEOUT)
                .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT))
            .build(),
        SecretsManagerClient::close);
  }
}
