package dev.switchback.dynamodb;

import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.testkit.contract.SessionsContract;
import java.time.Clock;

final class DynamoDbSessionsContractTest extends SessionsContract {

  @Override
  protected SessionStore createSessions() {
    return DynamoDbSessions.on(DynamoDbFixture.newTable("sessions-contract", Clock.systemUTC()));
  }
}
