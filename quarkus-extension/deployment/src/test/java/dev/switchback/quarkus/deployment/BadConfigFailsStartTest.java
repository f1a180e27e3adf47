package dev.switchback.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchback.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BadConfigFailsStartTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .overrideConfigKey("switchback.cache.backend", "memcached")
      .assertException(failure -> {
        Throwable cause = failure;
        while (!(cause instanceof ConfigurationException) && cause.getCause() != null) {
          cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(ConfigurationException.class);
        assertThat(cause.getMessage()).contains("switchback.cache.backend", "memcached", "memory");
      });

  @Test
  void applicationDoesNotStart() {
    fail("the application started with an unknown cache backend");
  }
}
