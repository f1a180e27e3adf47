package dev.switchback.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BadHealthTimeoutFailsStartTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .overrideConfigKey("quarkus.switchback.health.timeout", "0s")
      .assertException(StartFailure.configurationError(
          "quarkus.switchback.health.timeout", "positive"));

  @Test
  void applicationDoesNotStart() {
    fail("the application started with a readiness timeout of zero");
  }
}
