package dev.switchback.memory.sessions;

import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.testkit.contract.SessionsContract;
import java.time.Duration;

final class MemorySessionsContractTest extends SessionsContract {

  @Override
  protected SessionStore createSessions() {
    return MemorySessions.create();
  }

  @Override
  protected Duration shortTtl() {
    return Duration.ofMillis(100);
  }
}
