package dev.switchback.messaging;

import java.util.concurrent.CompletionStage;

/**
 * Handles delivered messages. The message is acknowledged when the returned stage completes
 * normally; if it completes exceptionally (or the method throws) the message is delivered
 * again later. Delivery is at least once: handlers must tolerate repeats.
 */
@FunctionalInterface
public interface MessageHandler {
  CompletionStage<Void> handle(Message message);
}
