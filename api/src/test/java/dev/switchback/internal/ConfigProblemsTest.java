package dev.switchback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigProblemsTest {
  private final ConfigProblems problems = new ConfigProblems(
      BackendCatalog.discover(ConfigProblemsTest.class.getClassLoader()), List.of());

  @Test
  void theValueOfASecretLookingKeyIsLeftOut() {
    String explained = problems.explain("SRCFG00039: The config property"
        + " switchback.cache.testmemory.auth-token with the config value \"hunter2\" threw an"
        + " Exception whilst being converted not valid: hunter2");
    assertThat(explained)
        .isEqualTo("Invalid value for switchback.cache.testmemory.auth-token (value hidden)")
        .doesNotContain("hunter2");
  }

  @Test
  void aKeyThatChoosesASourceOfCredentialsKeepsItsReason() {
    String explained = problems.explain("SRCFG00039: The config property"
        + " switchback.aws.credentials with the config value \"vault\" threw an Exception whose"
        + " message is \"accepted values: default, static, web-identity\"");
    assertThat(explained).isEqualTo(
        "Invalid value for switchback.aws.credentials: accepted values: default, static,"
            + " web-identity");
  }

  @Test
  void aSecretInTheLastSegmentIsHiddenWhateverGroupHoldsIt() {
    assertThat(problems.explain("SRCFG00039: The config property"
        + " switchback.aws.static.secret-access-key with the config value \"x\" threw an"
        + " Exception whose message is \"bad x\""))
        .isEqualTo("Invalid value for switchback.aws.static.secret-access-key (value hidden)");
  }

  @Test
  void bothWordingsOfAConversionFailureAreUnderstood() {
    assertThat(problems.explain("SRCFG00039: The config property switchback.x with the config"
        + " value \"v\" threw an Exception whose message is \"bad v\""))
        .isEqualTo("Invalid value for switchback.x: bad v");
    assertThat(problems.explain("java.lang.IllegalArgumentException: SRCFG00039: The config"
        + " property switchback.x with the config value \"v\" threw an Exception whilst being"
        + " converted bad v"))
        .isEqualTo("Invalid value for switchback.x: bad v");
  }

  @Test
  void aMissingRequiredKeyIsNamed() {
    assertThat(problems.explain("SRCFG00014: The config property switchback.cache.redis.uri is"
        + " required but it could not be found in any config source"))
        .isEqualTo("switchback.cache.redis.uri is required but not set");
  }

  @Test
  void anUnrecognisedProblemKeepsItsTextWithoutTheCode() {
    assertThat(problems.explain("SRCFG09999: something else")).isEqualTo("something else");
  }
}
