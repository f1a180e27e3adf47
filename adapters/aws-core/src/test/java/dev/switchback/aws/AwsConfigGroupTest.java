package dev.switchback.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.ConfigurationException;
import dev.switchback.Switchback;
import dev.switchback.aws.internal.CredentialsSourceConverter;
import dev.switchback.config.ConfigGroupProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The {@code switchback.aws.*} group as users meet it: through {@link Switchback#fromConfig(Map)}. */
final class AwsConfigGroupTest {

  @Test
  void groupIsRegisteredUnderSwitchbackAws() {
    assertThat(ServiceLoader.load(ConfigGroupProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(g -> g instanceof AwsConfigGroup))
        .singleElement()
        .satisfies(g -> {
          assertThat(g.prefix()).isEqualTo("switchback.aws");
          assertThat(g.mapping()).isEqualTo(AwsConfig.class);
        });
  }

  @Test
  void validGroupStarts() {
    try (Switchback switchback = Switchback.fromConfig(Map.of(
        "switchback.aws.region", "eu-west-1",
        "switchback.aws.credentials", "static",
        "switchback.aws.static.access-key-id", "AKIDEXAMPLE",
        "switchback.aws.static.secret-access-key", "secret",
        "switchback.aws.endpoint-override", "http://127.0.0.1:4566"))) {
      assertThat(switchback).isNotNull();
    }
  }

  @Test
  void badRegionFailsNamingTheKeyAndTheAcceptedForm() {
    assertThatThrownBy(() -> Switchback.fromConfig(Map.of("switchback.aws.region", "Europe")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.aws.region")
        .hasMessageContaining("a region code such as eu-west-1");
  }

  @Test
  void unknownCredentialsSourceFailsNamingTheKey() {
    // The api hides the reason for keys that look secret, and "credentials" does; the converter's
    // own message, which names the accepted values, is checked below.
    assertThatThrownBy(() -> Switchback.fromConfig(Map.of("switchback.aws.credentials", "irsa")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.aws.credentials");
    assertThatThrownBy(() -> new CredentialsSourceConverter().convert("irsa"))
        .hasMessageContaining("'irsa' is not a credentials source")
        .hasMessageContaining("default, static, web-identity");
  }

  @Test
  void malformedOrNonHttpEndpointFailsNamingTheKey() {
    for (String bad : new String[] {"localhost:4566", "ftp://127.0.0.1", "http://", "h ttp://x"}) {
      assertThatThrownBy(
              () -> Switchback.fromConfig(Map.of("switchback.aws.endpoint-override", bad)))
          .as(bad)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("switchback.aws.endpoint-override")
          .hasMessageContaining("an http or https URI");
    }
  }

  @Test
  void unknownKeyUnderTheGroupFailsNamingIt() {
    assertThatThrownBy(() -> Switchback.fromConfig(Map.of("switchback.aws.regoin", "eu-west-1")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.aws.regoin");
  }

  @Test
  void secretOfAMistypedStaticKeyIsNotRepeatedInTheMessage() {
    assertThatThrownBy(() -> Switchback.fromConfig(Map.of(
            "switchback.aws.static.secret-key", "do-not-print-me")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.aws.static.secret-key")
        .hasMessageNotContaining("do-not-print-me");
  }
}
