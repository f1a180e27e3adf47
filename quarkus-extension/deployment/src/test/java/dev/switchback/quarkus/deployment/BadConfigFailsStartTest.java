package dev.switchback.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BadConfigFailsStartTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .overrideConfigKey("switchback.cache.backend", "memcached")
      .assertException(StartFailure.configurationError(
          "switchback.cache.backend", "memcached", "memory"));

  @Test
  void applicationDoesNotStart() {
    fail("the application started with an unknown cache backend");
  }
}
