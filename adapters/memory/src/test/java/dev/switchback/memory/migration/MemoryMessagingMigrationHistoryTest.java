package dev.switchback.memory.migration;

import dev.switchback.migration.Side;
import dev.switchback.testkit.migration.MessagingMigrationHistoryContract;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The messaging history over two in-memory brokers, each behind a fault that fails every publish
 * and delivery for a moment mid-run; once with each de-duplication store.
 */
class MemoryMessagingMigrationHistoryTest extends MessagingMigrationHistoryContract {
  @Override
  protected Map<String, String> migrationConfig() {
    return Map.of(
        "switchback.messaging.backend", "faulty-memory",
        "switchback.messaging.migration.target", "faulty-memory");
  }

  @Override
  protected void injectFault(Side side) throws InterruptedException {
    FaultyMemoryMessagingProvider.fault(side).fail();
    try {
      Thread.sleep(400);
    } finally {
      FaultyMemoryMessagingProvider.fault(side).heal();
    }
  }

  /** The same with handled ids kept in the {@code Cache} capability (the default memory cache). */
  @Nested
  class WithCacheDedupStore extends MessagingMigrationHistoryContract {
    @Override
    protected Map<String, String> migrationConfig() {
      return Map.of(
          "switchback.messaging.backend", "faulty-memory",
          "switchback.messaging.migration.target", "faulty-memory",
          "switchback.messaging.migration.dedup.store", "cache");
    }

    @Override
    protected void injectFault(Side side) throws InterruptedException {
      MemoryMessagingMigrationHistoryTest.this.injectFault(side);
    }
  }
}
