package dev.switchback.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BadValueFailsStartTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .overrideConfigKey("switchback.sessions.migration.target", "memory")
      .overrideConfigKey("switchback.sessions.migration.stage", "sideways")
      .assertException(StartFailure.configurationError(
          "switchback.sessions.migration.stage", "dualwrite"));

  @Test
  void applicationDoesNotStart() {
    fail("the application started with an unknown migration stage");
  }
}
