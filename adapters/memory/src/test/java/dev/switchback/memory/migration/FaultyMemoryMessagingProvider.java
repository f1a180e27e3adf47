package dev.switchback.memory.migration;

import dev.switchback.memory.messaging.MemoryMessaging;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.spi.MessagingProvider;
import dev.switchback.migration.Side;
import dev.switchback.spi.ProviderContext;
import dev.switchback.testkit.faults.Fault;
import dev.switchback.testkit.faults.FaultyMessaging;
import java.time.Duration;

/**
 * {@code switchback.messaging.backend=faulty-memory}: an in-memory broker behind the {@link Fault}
 * of its role, so a test configured through {@code Switchback.fromConfig} can break either side of
 * a migration. Redelivery is quick and retention large, so a fault costs no message.
 */
public final class FaultyMemoryMessagingProvider implements MessagingProvider {
  private static final Fault OLD = new Fault();
  private static final Fault NEW = new Fault();

  /** The fault of the backend in {@code side}'s role. */
  static Fault fault(Side side) {
    return side == Side.OLD ? OLD : NEW;
  }

  @Override
  public String name() {
    return "faulty-memory";
  }

  @Override
  public boolean instancesAreSeparate() {
    return true;
  }

  @Override
  public Messaging create(ProviderContext context) {
    MemoryMessaging broker = MemoryMessaging.builder()
        .retainedMessagesPerTopic(1_000_000)
        .redeliveryDelay(Duration.ofMillis(10), Duration.ofMillis(200))
        .build();
    return new FaultyMessaging(broker, context.role().equals("new") ? NEW : OLD);
  }
}
