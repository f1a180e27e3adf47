package dev.switchback.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.LaunchMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the admin endpoints answer: off in production unless configured. */
class AdminEndpointsEnabledTest {

  @Test
  void unsetTheyAnswerInDevAndTestButNotInProduction() {
    assertThat(AdminEndpoints.enabled(Optional.empty(), LaunchMode.DEVELOPMENT)).isTrue();
    assertThat(AdminEndpoints.enabled(Optional.empty(), LaunchMode.TEST)).isTrue();
    assertThat(AdminEndpoints.enabled(Optional.empty(), LaunchMode.NORMAL)).isFalse();
  }

  @Test
  void setTheSettingDecidesInEveryMode() {
    assertThat(AdminEndpoints.enabled(Optional.of(true), LaunchMode.NORMAL)).isTrue();
    assertThat(AdminEndpoints.enabled(Optional.of(false), LaunchMode.DEVELOPMENT)).isFalse();
  }
}
