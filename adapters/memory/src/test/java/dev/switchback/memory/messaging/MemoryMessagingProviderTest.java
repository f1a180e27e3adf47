package dev.switchback.memory.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.TooLargeException;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.spi.MessagingProvider;
import dev.switchback.testkit.ConfigProviderContext;
import dev.switchback.testkit.RegisteredProviders;
import dev.switchback.testkit.Stages;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryMessagingProviderTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  @Test
  void serviceLoaderFindsTheMemoryProvider() {
    MessagingProvider provider = memoryProvider();
    assertThat(provider).isInstanceOf(MemoryMessagingProvider.class);
    assertThat(provider.configMapping()).contains(MemoryMessagingConfig.class);
  }

  @Test
  void defaultsGiveAnInstanceWithoutDeadLetters() {
    try (Messaging messaging = memoryProvider().create(context(Map.of()))) {
      assertThat(messaging.features())
          .containsExactlyInAnyOrder(MessagingFeature.ORDERED_PER_KEY, MessagingFeature.LAG);
    }
  }

  @Test
  void settingsAreApplied() {
    Map<String, String> settings =
        Map.of(
            "switchback.messaging.memory.max-payload-bytes", "3",
            "switchback.messaging.memory.dead-letter-after", "2",
            "switchback.messaging.memory.redelivery-delay", "PT0.01S");
    try (Messaging messaging = memoryProvider().create(context(settings))) {
      assertThat(messaging.features()).contains(MessagingFeature.DEAD_LETTER);
      assertThat(Stages.failureOf(messaging.publish("t", Message.of(new byte[4])), DEADLINE))
          .isInstanceOf(TooLargeException.class);
    }
  }

  @Test
  void valueOutOfRangeNamesItsKey() {
    assertThatThrownBy(
            () ->
                memoryProvider()
                    .create(context(Map.of("switchback.messaging.memory.max-in-flight", "0"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.messaging.memory.max-in-flight");
  }

  private static ConfigProviderContext context(Map<String, String> properties) {
    return ConfigProviderContext.of(Capability.MESSAGING, MemoryMessagingConfig.class, properties);
  }

  private static MessagingProvider memoryProvider() {
    return RegisteredProviders.named(MessagingProvider.class, "memory");
  }
}
