package dev.switchback.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchback.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BadValueFailsStartTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .overrideConfigKey("switchback.sessions.migration.target", "memory")
      .overrideConfigKey("switchback.sessions.migration.stage", "sideways")
      .assertException(failure -> {
        Throwable cause = failure;
        while (!(cause instanceof ConfigurationException) && cause.getCause() != null) {
          cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(ConfigurationException.class);
        assertThat(cause.getMessage())
            .contains("switchback.sessions.migration.stage", "dualwrite");
      });

  @Test
  void applicationDoesNotStart() {
    fail("the application started with an unknown migration stage");
  }
}
