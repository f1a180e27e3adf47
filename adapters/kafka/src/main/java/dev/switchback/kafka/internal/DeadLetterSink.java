package dev.switchback.kafka.internal;

import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Publishes a record whose attempts are used up to its dead-letter topic. */
@FunctionalInterface
public interface DeadLetterSink {

  /**
   * Publishes {@code record}, which {@code group} failed to handle {@code attempts} times, the
   * last time with {@code failure}; completes when the broker acknowledged it.
   */
  CompletionStage<Void> publish(
      ConsumerRecord<byte[], byte[]> record, String group, int attempts, Throwable failure);
}
