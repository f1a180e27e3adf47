package dev.switchback.msk;

import dev.switchback.Capability;
import dev.switchback.aws.AwsClients;
import dev.switchback.aws.AwsConfig;
import dev.switchback.testkit.ConfigProviderContext;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The instance's AWS clients as tests configure them: static keys, an endpoint override. */
public final class TestAws implements AutoCloseable {
  public static final String ACCESS_KEY_ID = "AKIAMSKTESTKEY";
  public static final String SECRET_ACCESS_KEY = "msk-test-secret-access-key";
  public static final String REGION = "eu-central-1";

  private final AwsClients clients;

  private TestAws(AwsClients clients) {
    this.clients = clients;
  }

  /** The {@code switchback.aws.*} settings of the tests, every client sent to {@code endpoint}. */
  public static Map<String, String> settings(URI endpoint) {
    return Map.of(
        "switchback.aws.region", REGION,
        "switchback.aws.credentials", "static",
        "switchback.aws.static.access-key-id", ACCESS_KEY_ID,
        "switchback.aws.static.secret-access-key", SECRET_ACCESS_KEY,
        "switchback.aws.endpoint-override", endpoint.toString());
  }

  public static TestAws against(URI endpoint) {
    return new TestAws(AwsClients.create(ConfigProviderContext
        .of(Capability.MESSAGING, AwsConfig.class, settings(endpoint))
        .config(AwsConfig.class)));
  }

  public AwsClients clients() {
    return clients;
  }

  /** A Secrets Manager client the way the adapter builds one; the caller closes it. */
  public SecretsManagerClient secretsManager() {
    return clients.configure(SecretsManagerClient.builder(), Optional.empty()).build();
  }

  @Override
  public void close() {
    clients.close();
  }
}
