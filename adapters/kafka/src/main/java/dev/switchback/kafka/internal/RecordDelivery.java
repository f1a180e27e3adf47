package dev.switchback.kafka.internal;

import dev.switchback.messaging.Message;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * The handling of one record: attempts of the handler on the delivery threads, a growing pause
 * after each failure, and once the attempts are used up the dead-letter topic (when on), whose
 * publish is itself retried until the broker acknowledges it. The record is never dropped: it
 * finishes (and may be committed) only when a handler attempt succeeded or its dead letter is
 * stored; if its partition's lane stops first it is given up uncommitted, for the next owner.
 */
final class RecordDelivery {
  private static final Logger LOG = System.getLogger(RecordDelivery.class.getName());

  private final PartitionLane lane;
  private final ConsumerRecord<byte[], byte[]> record;
  private final DeliveryContext context;
  private final Message message;
  // Written by one step at a time; each step is handed to the next through an executor.
  private int attempts;
  private @Nullable Throwable lastFailure;

  RecordDelivery(
      PartitionLane lane, ConsumerRecord<byte[], byte[]> record, DeliveryContext context) {
    this.lane = lane;
    this.record = record;
    this.context = context;
    this.message = KafkaRecords.toMessage(record, context.telemetry().propagationFields());
  }

  ConsumerRecord<byte[], byte[]> record() {
    return record;
  }

  /** Runs the next step (an attempt, or the dead letter) after {@code delayNanos}. */
  void schedule(long delayNanos) {
    try {
      if (delayNanos <= 0) {
        context.handlers().execute(this::step);
      } else {
        context.timers().schedule(
            () -> schedule(0), delayNanos, TimeUnit.NANOSECONDS);
      }
    } catch (RejectedExecutionException closing) {
      lane.stop();
      lane.attemptFailed(this);
    }
  }

  private void step() {
    if (!lane.beginAttempt(this)) {
      lane.attemptFailed(this); // the lane stopped while this waited: give the record up
      return;
    }
    if (context.settings().deadLetterEnabled() && attempts >= context.settings().maxAttempts()) {
      deadLetter();
    } else {
      attempt();
    }
  }

  private void attempt() {
    attempts++;
    Span span = context.telemetry().startProcess(record, message, context.group(), attempts);
    CompletionStage<Void> outcome;
    try (Scope ignored = span.makeCurrent()) {
      outcome = context.handler().handle(message);
      if (outcome == null) {
        outcome = CompletableFuture.failedFuture(new NullPointerException("handler returned null"));
      }
    } catch (Throwable thrown) { // a throwing handler is a failed attempt, never a lost message
      outcome = CompletableFuture.failedFuture(thrown);
    }
    outcome.whenComplete(
        (result, failure) -> {
          MessagingTelemetry.end(span, failure);
          settle(failure);
        });
  }

  private void settle(@Nullable Throwable failure) {
    if (failure == null) {
      lane.finished(this);
      return;
    }
    Throwable cause = KafkaFailures.unwrap(failure);
    LOG.log(Level.DEBUG, () -> "handler of " + context.topic() + "/" + context.group()
        + " failed on " + describe() + " (attempt " + attempts + "): " + cause);
    lastFailure = cause;
    if (lane.attemptFailed(this)) {
      boolean deadLetterNext = context.settings().deadLetterEnabled()
          && attempts >= context.settings().maxAttempts();
      schedule(deadLetterNext ? 0 : context.backoffNanos(attempts));
    }
  }

  private void deadLetter() {
    Throwable failure = lastFailure == null ? new IllegalStateException("unknown") : lastFailure;
    CompletionStage<Void> stored;
    try {
      stored = context.deadLetters().publish(record, context.group(), attempts, failure);
    } catch (RuntimeException e) {
      stored = CompletableFuture.failedFuture(e);
    }
    stored.whenComplete(
        (result, error) -> {
          if (error == null) {
            LOG.log(Level.WARNING, () -> "moved " + describe() + " of group " + context.group()
                + " to its dead-letter topic after " + attempts + " failed attempts: "
                + failure);
            lane.finished(this);
          } else {
            LOG.log(Level.WARNING, () -> "could not store the dead letter of " + describe()
                + "; trying again: " + KafkaFailures.unwrap(error));
            if (lane.attemptFailed(this)) {
              schedule(context.backoffNanos(attempts));
            }
          }
        });
  }

  private String describe() {
    return "message " + message.id() + " at " + record.topic() + "-" + record.partition() + "@"
        + record.offset();
  }
}
