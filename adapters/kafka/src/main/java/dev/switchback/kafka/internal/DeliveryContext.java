package dev.switchback.kafka.internal;

import dev.switchback.kafka.KafkaMessagingSettings;
import dev.switchback.messaging.MessageHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every record of one subscription is handled with.
 *
 * @param topic the topic consumed
 * @param group the consumer group
 * @param handler the subscriber's handler
 * @param settings attempts, back-off and dead letters
 * @param handlers runs handler attempts
 * @param timers schedules the next attempt after a back-off
 * @param telemetry spans and trace context
 * @param deadLetters where records whose attempts are used up go, when dead letters are on
 * @param outstanding records of the subscription fetched and not yet finished
 */
public record DeliveryContext(
    String topic,
    String group,
    MessageHandler handler,
    KafkaMessagingSettings settings,
    Executor handlers,
    ScheduledExecutorService timers,
    MessagingTelemetry telemetry,
    DeadLetterSink deadLetters,
    AtomicInteger outstanding) {

  /** The pause before the next attempt of a record that has failed {@code failures} times. */
  long backoffNanos(int failures) {
    long delay = settings.initialBackoff().toNanos();
    long max = settings.maxBackoff().toNanos();
    for (int i = 1; i < failures && delay < max; i++) {
      delay *= 2;
    }
    return Math.min(delay, max);
  }
}
