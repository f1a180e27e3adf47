package dev.switchback.messaging;

import dev.switchback.AsyncCloseable;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Publish and subscribe with at-least-once delivery.
 *
 * <p><b>Guarantees.</b> A publish stage completes normally only once the message is durable in
 * the backend: it survives the backend's restart and will be delivered to every group
 * subscribed to the topic. A stage that fails means the message may not have been stored
 * (after a timeout it may have been). Each group receives each durable message at least once;
 * a handler whose stage fails gets the message again.
 *
 * <p><b>Input.</b> Topic names are 1 to {@link #MAX_TOPIC_LENGTH} characters of
 * {@code [a-zA-Z0-9._-]}; group names are non-empty. A bad topic, a message with an empty id,
 * or a payload over the backend's limit fails the stage with
 * {@link dev.switchback.InvalidInputException} before anything is sent.
 *
 * <p><b>Threads.</b> Implementations are thread safe. Handlers run on the backend's delivery
 * threads; a handler that blocks holds back delivery for its subscription.
 */
public interface Messaging extends AsyncCloseable {

  /** The longest topic name accepted: 249 characters, as Kafka. */
  int MAX_TOPIC_LENGTH = 249;

  /** Publishes {@code message} to {@code topic}; completes when the message is durable. */
  CompletionStage<Void> publish(String topic, Message message);

  /**
   * Starts delivering messages of {@code topic} to {@code handler} as a member of {@code
   * group}. A new group starts from the earliest message still retained.
   *
   * @throws dev.switchback.InvalidInputException if the topic or group is invalid
   */
  Subscription subscribe(String topic, String group, MessageHandler handler);

  /** The optional guarantees and abilities this backend offers. */
  Set<MessagingFeature> features();

  /**
   * This backend as the optional ability {@code type}, if it offers it. Present exactly when the
   * matching {@link MessagingFeature} is in {@link #features()}: {@link MessagingLag} with {@link
   * MessagingFeature#LAG}.
   */
  default <T> Optional<T> ability(Class<T> type) {
    if (type == MessagingLag.class
        && features().contains(MessagingFeature.LAG)
        && type.isInstance(this)) {
      return Optional.of(type.cast(this));
    }
    return Optional.empty();
  }
}
