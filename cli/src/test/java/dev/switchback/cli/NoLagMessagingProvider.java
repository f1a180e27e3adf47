package dev.switchback.cli;

import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.Subscription;
import dev.switchback.messaging.spi.MessagingProvider;
import dev.switchback.spi.ProviderContext;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Backend {@code nolag}: a messaging backend that does not offer lag, as a broker whose adapter
 * cannot read consumer positions. It never holds a message; drain status must refuse it.
 */
public final class NoLagMessagingProvider implements MessagingProvider {

  @Override
  public String name() {
    return "nolag";
  }

  @Override
  public Messaging create(ProviderContext context) {
    return new Messaging() {
      @Override
      public CompletionStage<Void> publish(String topic, Message message) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("nolag"));
      }

      @Override
      public Subscription subscribe(String topic, String group, MessageHandler handler) {
        throw new UnsupportedOperationException("nolag");
      }

      @Override
      public Set<MessagingFeature> features() {
        return Set.of();
      }

      @Override
      public CompletionStage<Void> closeAsync() {
        return CompletableFuture.completedFuture(null);
      }
    };
  }
}
