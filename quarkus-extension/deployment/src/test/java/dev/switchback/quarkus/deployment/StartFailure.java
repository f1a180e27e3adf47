package dev.switchback.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.ConfigurationException;
import java.util.function.Consumer;

/** What a test of a start that must fail expects of the failure. */
final class StartFailure {

  private StartFailure() {}

  /**
   * For {@code QuarkusUnitTest.assertException}: the start failed because of a {@link
   * ConfigurationException} (anywhere in the cause chain) whose message holds every fragment.
   */
  static Consumer<Throwable> configurationError(String... fragments) {
    return failure -> {
      Throwable cause = failure;
      while (!(cause instanceof ConfigurationException) && cause.getCause() != null) {
        cause = cause.getCause();
      }
      assertThat(cause).isInstanceOf(ConfigurationException.class);
      assertThat(cause.getMessage()).contains(fragments);
    };
  }
}
