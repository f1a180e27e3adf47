package dev.switchback.memory.messaging;

import dev.switchback.messaging.Messaging;
import dev.switchback.testkit.contract.MessagingContract;
import java.time.Duration;

class MemoryMessagingContractTest extends MessagingContract {

  @Override
  protected Messaging createMessaging() {
    return MemoryMessaging.builder()
        .redeliveryDelay(Duration.ofMillis(10), Duration.ofMillis(100))
        .build();
  }
}
