package dev.switchback.msk;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.ConfigurationException;
import dev.switchback.Switchback;
import dev.switchback.testkit.ConfigOverrides;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad MSK settings fail at start through {@link Switchback#fromConfig(Map)}, naming the key and
 * what it accepts, before any broker is contacted (the bootstrap address has no listener).
 */
class MskConfigTest {
  private static final String MSK = "switchback.messaging.msk.";

  /** TLS-only MSK on an address nothing listens on, with {@code overrides} on top. */
  private static Map<String, String> config(String... overrides) {
    return ConfigOverrides.with(Map.of(
        "switchback.messaging.backend", "msk",
        MSK + "bootstrap-servers", "127.0.0.1:1",
        MSK + "auth", "tls"), overrides);
  }

  /** SCRAM with {@code secretId}, the AWS clients pointed at the test fake. */
  private static Map<String, String> scram(String secretId, String... overrides) {
    Map<String, String> config = config(overrides);
    config.put(MSK + "auth", "scram");
    config.put(MSK + "scram.secret-id", secretId);
    config.putAll(TestAws.settings(TestMsk.secrets().endpoint()));
    return config;
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of(config(MSK + "bootstrap-servers", null),
            new String[] {MSK + "bootstrap-servers is required", "host:port"}),
        Arguments.of(config(MSK + "bootstrap-servers", "SASL_SSL://b-1.example.com:9096"),
            new String[] {MSK + "bootstrap-servers", "host:port"}),
        Arguments.of(config(MSK + "bootstrap-servers", "b-1.example.com:9096,b-2.example.com"),
            new String[] {MSK + "bootstrap-servers", "'b-2.example.com' is not host:port"}),
        Arguments.of(config(MSK + "bootstrap-servers", "b-1.example.com:99999"),
            new String[] {MSK + "bootstrap-servers", "1 to 65535"}),
        Arguments.of(config(MSK + "auth", null),
            new String[] {MSK + "auth is required", "iam, scram, tls"}),
        Arguments.of(config(MSK + "auth", "plain"),
            new String[] {MSK + "auth", "'plain'", "iam, scram, tls"}),
        Arguments.of(config(MSK + "auth", "scram"),
            new String[] {MSK + "scram.secret-id is required", MSK + "auth=scram"}),
        Arguments.of(config(MSK + "auth", "iam", MSK + "scram.secret-id", "AmazonMSK_x"),
            new String[] {MSK + "scram.secret-id is not used", MSK + "auth=iam"}),
        Arguments.of(scram("kafka-credentials"),
            new String[] {MSK + "scram.secret-id", "AmazonMSK_", "kafka-credentials"}),
        Arguments.of(scram("AmazonMSK_x", MSK + "scram.refresh-after", "0s"),
            new String[] {MSK + "scram.refresh-after", "positive"}),
        Arguments.of(config(MSK + "tls", "false"),
            new String[] {MSK + "tls"}),
        Arguments.of(config(MSK + "tls.ca-file", "/nonexistent/ca.pem"),
            new String[] {MSK + "tls.ca-file", "/nonexistent/ca.pem"}),
        Arguments.of(config(MSK + "producer.ssl.endpoint.identification.algorithm", "none"),
            new String[] {MSK + "producer.ssl.endpoint.identification.algorithm",
                "TLS verification cannot be changed"}),
        Arguments.of(config(MSK + "consumer.security.protocol", "PLAINTEXT"),
            new String[] {MSK + "consumer.security.protocol", "not accepted"}),
        Arguments.of(config(MSK + "producer.acks", "1"),
            new String[] {MSK + "producer.acks", "all"}),
        Arguments.of(config(MSK + "delivery-timeout", "-1s"),
            new String[] {MSK + "delivery-timeout"}),
        Arguments.of(config(MSK + "bootstrap-server", "x:1"),
            new String[] {MSK + "bootstrap-server"}));
  }

  @ParameterizedTest
  @MethodSource("badSettings")
  void aBadSettingFailsAtStartNamingTheKey(Map<String, String> config, String[] expected) {
    assertThatThrownBy(() -> start(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(expected);
  }

  @Test
  void aCaFileWithoutCertificatesFailsAtStart(@TempDir Path directory) throws IOException {
    Path notPem = Files.writeString(directory.resolve("ca.pem"), "not a certificate");

    assertThatThrownBy(() -> start(config(MSK + "tls.ca-file", notPem.toString())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(MSK + "tls.ca-file", "PEM file of CA certificates");
  }

  @Test
  void aMissingSecretFailsAtStartNamingTheKey() {
    assertThatThrownBy(() -> start(scram("AmazonMSK_does_not_exist")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(MSK + "scram.secret-id", "AmazonMSK_does_not_exist",
            "has no secret");
  }

  @Test
  void aDeniedSecretFailsAtStartSayingWhichPermission() {
    TestMsk.secrets().putSecret("AmazonMSK_config_denied", TestMsk.secretJson("app", "p"));
    TestMsk.secrets().denyAccess("AmazonMSK_config_denied");

    assertThatThrownBy(() -> start(scram("AmazonMSK_config_denied")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(MSK + "scram.secret-id", "secretsmanager:GetSecretValue");
  }

  private static void start(Map<String, String> config) {
    try (Switchback switchback = Switchback.fromConfig(config)) {
      switchback.messaging();
    }
  }
}
