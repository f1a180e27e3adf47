package dev.switchback.kafka;

import dev.switchback.messaging.Messaging;
import dev.switchback.testkit.contract.MessagingContract;

/** The messaging contract against a real Kafka broker. */
final class KafkaMessagingContractTest extends MessagingContract {

  @Override
  protected Messaging createMessaging() {
    return TestKafka.onSharedBroker();
  }
}
