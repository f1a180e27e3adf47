package dev.switchback.msk;

import dev.switchback.messaging.Messaging;
import dev.switchback.testkit.contract.MessagingContract;

/**
 * The messaging contract over TLS and SASL/SCRAM-SHA-512 against a real broker, the credentials
 * read from the Secrets Manager fake.
 */
final class MskMessagingContractTest extends MessagingContract {

  @Override
  protected Messaging createMessaging() {
    return TestMsk.onSharedSaslSslBroker();
  }
}
