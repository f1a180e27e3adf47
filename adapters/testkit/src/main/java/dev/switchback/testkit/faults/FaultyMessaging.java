package dev.switchback.testkit.faults;

import static java.util.Objects.requireNonNull;

import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.MessagingLag;
import dev.switchback.messaging.Subscription;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A real {@link Messaging} behind a switchable {@link Fault}, on both paths: a publish under a
 * fault fails (or hangs) without storing, and a delivery under a fault fails without reaching the
 * handler, so the backend delivers it again later, as when a consumer loses its broker. Reports
 * the delegate's features and offers its {@link MessagingLag} (under the fault too).
 */
public final class FaultyMessaging implements Messaging, MessagingLag {
  private final Messaging delegate;
  private final Fault fault;

  public FaultyMessaging(Messaging delegate, Fault fault) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.fault = requireNonNull(fault, "fault");
  }

  @Override
  public CompletionStage<Void> publish(String topic, Message message) {
    return fault.apply(() -> delegate.publish(topic, message));
  }

  @Override
  public Subscription subscribe(String topic, String group, MessageHandler handler) {
    requireNonNull(handler, "handler");
    return delegate.subscribe(topic, group, message -> fault.apply(() -> handler.handle(message)));
  }

  @Override
  public Set<MessagingFeature> features() {
    return delegate.features();
  }

  @Override
  public CompletionStage<Map<Integer, Long>> lag(String topic, String group) {
    return delegate.ability(MessagingLag.class)
        .map(lag -> fault.apply(() -> lag.lag(topic, group)))
        .orElseGet(() -> CompletableFuture.failedFuture(
            new UnsupportedOperationException("the delegate reports no lag")));
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    return delegate.closeAsync();
  }
}
