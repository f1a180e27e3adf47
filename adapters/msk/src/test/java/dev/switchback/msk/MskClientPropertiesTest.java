package dev.switchback.msk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.msk.sasl.MskIamCallbackHandler;
import dev.switchback.msk.sasl.MskIamCredentials;
import dev.switchback.msk.sasl.MskScramCallbackHandler;
import dev.switchback.testkit.servers.TestCertificateAuthority;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The client properties, and that real Kafka clients accept them: constructing a producer or an
 * admin client parses the JAAS configuration, loads the login module, makes the SSL factory
 * (with the PEM trust store) and instantiates and configures our callback handler, all before
 * any connection (the bootstrap address has no listener).
 */
class MskClientPropertiesTest {
  private static final String PASSWORD = "never-shown-password";
  private static final ScramCredentials SCRAM = new ScramCredentials("app", PASSWORD);
  private static final MskIamCredentials IAM = new MskIamCredentials(
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAX", "iam-secret")),
      Region.EU_WEST_1);

  private static Map<String, Object> client(MskClientProperties properties) {
    Map<String, Object> config = new HashMap<>(properties.asMap());
    config.put("bootstrap.servers", "127.0.0.1:1");
    config.put("key.serializer", ByteArraySerializer.class);
    config.put("value.serializer", ByteArraySerializer.class);
    return config;
  }

  @Test
  void tlsAloneVerifiesTheBrokerAndSpeaksNoSasl() {
    assertThat(MskClientProperties.tls(Optional.empty()).asMap()).containsExactlyInAnyOrderEntriesOf(
        Map.of("security.protocol", "SSL", "ssl.endpoint.identification.algorithm", "https"));
  }

  @Test
  void aCaFileBecomesAPemTrustStore() {
    Path ca = TestCertificateAuthority.create("MSK properties test CA").certificate();

    Map<String, Object> properties = MskClientProperties.tls(Optional.of(ca)).asMap();

    assertThat(properties).containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", ca.toAbsolutePath().toString());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client(
        MskClientProperties.tls(Optional.of(ca))))) {
      producer.close(Duration.ZERO);
    }
  }

  @Test
  void scramIsSaslSslWithScramSha512AndCredentialsFromTheHandlerOnly() {
    Map<String, Object> properties = MskClientProperties.scram(Optional.empty(), () -> SCRAM).asMap();

    assertThat(properties).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.endpoint.identification.algorithm", "https")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;")
        .containsEntry("sasl.client.callback.handler.class", MskScramCallbackHandler.class)
        .containsKey(MskScramCallbackHandler.CREDENTIALS_CONFIG);
    assertThat(properties.values()).noneMatch(v -> String.valueOf(v).contains(PASSWORD));
  }

  @Test
  void iamIsSaslSslWithTheMskLoginModuleAndOurHandler() {
    Map<String, Object> properties = MskClientProperties.iam(Optional.empty(), IAM).asMap();

    assertThat(properties).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.endpoint.identification.algorithm", "https")
        .containsEntry("sasl.mechanism", "AWS_MSK_IAM")
        .containsEntry("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;")
        .containsEntry("sasl.client.callback.handler.class", MskIamCallbackHandler.class)
        .containsEntry(MskIamCallbackHandler.CREDENTIALS_CONFIG, IAM);
  }

  @Test
  void kafkaClientsAcceptTheScramAndIamProperties() {
    for (MskClientProperties properties : new MskClientProperties[] {
        MskClientProperties.scram(Optional.empty(), () -> SCRAM),
        MskClientProperties.iam(Optional.empty(), IAM)}) {
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client(properties));
          Admin admin = Admin.create(client(properties))) {
        producer.close(Duration.ZERO);
        admin.close(Duration.ZERO);
      }
    }
  }

  @Test
  void aClientWithoutTheCredentialsObjectFailsInOurHandler() {
    Map<String, Object> scram = client(MskClientProperties.scram(Optional.empty(), () -> SCRAM));
    scram.remove(MskScramCallbackHandler.CREDENTIALS_CONFIG);
    Map<String, Object> iam = client(MskClientProperties.iam(Optional.empty(), IAM));
    iam.remove(MskIamCallbackHandler.CREDENTIALS_CONFIG);

    assertThatThrownBy(() -> new KafkaProducer<byte[], byte[]>(scram).close())
        .isInstanceOf(KafkaException.class)
        .hasStackTraceContaining(MskScramCallbackHandler.CREDENTIALS_CONFIG);
    assertThatThrownBy(() -> new KafkaProducer<byte[], byte[]>(iam).close())
        .isInstanceOf(KafkaException.class)
        .hasStackTraceContaining(MskIamCallbackHandler.CREDENTIALS_CONFIG);
  }

  @Test
  void toStringHidesTheJaasConfigAndShowsNoSecret() {
    String scram = MskClientProperties.scram(Optional.empty(), () -> SCRAM).toString();
    String iam = MskClientProperties.iam(Optional.empty(), IAM).toString();

    assertThat(scram).contains("sasl.jaas.config=[hidden]", "SCRAM-SHA-512",
        MskScramCallbackHandler.class.getName()).doesNotContain(PASSWORD);
    assertThat(iam).contains("sasl.jaas.config=[hidden]", "AWS_MSK_IAM", "eu-west-1")
        .doesNotContain("iam-secret").doesNotContain("AKIAX");
  }

  @Test
  void securitySettingsAreRecognised() {
    assertThat(MskClientProperties.isSecuritySetting("ssl.endpoint.identification.algorithm"))
        .isTrue();
    assertThat(MskClientProperties.isSecuritySetting("sasl.jaas.config")).isTrue();
    assertThat(MskClientProperties.isSecuritySetting("security.protocol")).isTrue();
    assertThat(MskClientProperties.isSecuritySetting("linger.ms")).isFalse();
  }
}
