package dev.switchback.kafka.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;

/**
 * Creates topics before their first use, once per topic and instance, when topic creation is on;
 * does nothing otherwise. A topic that already exists counts as created; a failed creation is
 * tried again on the next use. Uses the instance's {@link ClusterAdmin}; once that is closed,
 * {@link #ensure} fails. Thread safe.
 */
public final class TopicCreator {
  private static final Logger LOG = System.getLogger(TopicCreator.class.getName());

  private final ClusterAdmin admin;
  private final boolean enabled;
  private final OptionalInt partitions;
  private final OptionalInt replicationFactor;
  private final Duration timeout;
  private final ConcurrentHashMap<String, CompletableFuture<Void>> created =
      new ConcurrentHashMap<>();

  /**
   * @param enabled whether to create topics at all
   * @param timeout how long one creation may take
   */
  public TopicCreator(
      ClusterAdmin admin,
      boolean enabled,
      OptionalInt partitions,
      OptionalInt replicationFactor,
      Duration timeout) {
    this.admin = admin;
    this.enabled = enabled;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
  }

  /** Completes once {@code topic} exists (at once when creation is off); fails if it cannot. */
  public CompletionStage<Void> ensure(String topic) {
    if (!enabled) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> existing = created.putIfAbsent(topic, mine);
    if (existing != null) {
      return existing;
    }
    try {
      NewTopic newTopic =
          new NewTopic(
              topic,
              partitions.isPresent() ? Optional.of(partitions.getAsInt()) : Optional.empty(),
              replicationFactor.isPresent()
                  ? Optional.of((short) replicationFactor.getAsInt())
                  : Optional.empty());
      admin.client()
          .createTopics(List.of(newTopic),
              new CreateTopicsOptions().timeoutMs((int) timeout.toMillis()))
          .all()
          .whenComplete((ignored, failure) -> settle(topic, mine, failure));
    } catch (RuntimeException e) {
      settle(topic, mine, e);
    }
    return mine;
  }

  private void settle(String topic, CompletableFuture<Void> result, @Nullable Throwable failure) {
    Throwable cause = failure == null ? null : KafkaFailures.unwrap(failure);
    if (cause == null || cause instanceof TopicExistsException) {
      if (cause == null) {
        LOG.log(Level.INFO, () -> "created Kafka topic " + topic);
      }
      awaitLeaders(topic).whenComplete((ignored, notReady) -> {
        if (notReady != null) {
          LOG.log(Level.WARNING, () -> "the leaders of topic " + topic + " did not answer in "
              + timeout + "; publishing anyway: " + KafkaFailures.unwrap(notReady));
        }
        result.complete(null);
      });
      return;
    }
    created.remove(topic, result);
    result.completeExceptionally(
        KafkaFailures.translate("creating topic " + topic, cause, true));
  }

  /**
   * Completes once every partition's leader serves requests. The brokers learn of a new topic a
   * moment after it is created; an idempotent producer whose first requests meet that moment can
   * have a later batch accepted before an earlier one is retried, which the broker then refuses
   * as out of order until the delivery timeout (KAFKA-15591). Asking each leader for its latest
   * offset, which only a ready leader answers, closes that window before the first publish.
   */
  private CompletionStage<Void> awaitLeaders(String topic) {
    try {
      Admin client = admin.client();
      return client.describeTopics(List.of(topic)).allTopicNames().toCompletionStage()
          .thenCompose(descriptions -> {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartitionInfo partition : descriptions.get(topic).partitions()) {
              latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
            }
            return client.listOffsets(latest,
                    new ListOffsetsOptions().timeoutMs((int) timeout.toMillis()))
                .all().toCompletionStage();
          })
          .thenApply(offsets -> null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
