package dev.switchback.kafka.internal;

import dev.switchback.OperationTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The lag of a consumer group on a topic, read with the instance's admin client: the topic's
 * partitions, then together the group's committed offsets, the partitions' end offsets and their
 * log start offsets (the earliest retained). A partition's lag is its end offset minus the
 * group's position there: the committed offset, or the log start offset when the group has none
 * (a new group starts from the earliest) or when retention has removed records past the committed
 * offset (the group will skip to the earliest). Offsets count every record, so on a compacted
 * topic the lag is an upper bound.
 *
 * <p>One query is bounded by {@code timeout} as a whole: its second round of calls gets what the
 * first left. Thread safe.
 */
public final class GroupLag {
  private final ClusterAdmin admin;
  private final Duration timeout;

  /**
   * @param timeout the longest one query may take
   */
  public GroupLag(ClusterAdmin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * The lag of {@code group} on each partition of {@code topic}, ordered by partition; empty
   * when the cluster does not know the topic. The names must have been checked.
   *
   * <p>Fails with {@link OperationTimeoutException} when the cluster did not answer within the
   * timeout (unreachable, or no leader for a partition), else as {@link KafkaFailures#translate}.
   */
  public CompletionStage<Map<Integer, Long>> of(String topic, String group) {
    String what = "reading the lag of group " + group + " on topic " + topic;
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<Map<Integer, Long>> lag;
    try {
      Admin client = admin.client();
      lag = client
          .describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(left(deadline)))
          .allTopicNames().toCompletionStage().toCompletableFuture()
          .thenCompose(described -> offsets(client, described.get(topic), group, deadline))
          .exceptionally(failure -> {
            if (KafkaFailures.unwrap(failure) instanceof UnknownTopicOrPartitionException) {
              return Map.of();
            }
            throw KafkaFailures.translateRead(what, failure, timeout);
          });
    } catch (RuntimeException e) {
      lag = CompletableFuture.failedFuture(KafkaFailures.translateRead(what, e, timeout));
    }
    // Completed off the admin client's only thread, which a caller's dependent stage could block.
    CompletableFuture<Map<Integer, Long>> answer = new CompletableFuture<>();
    lag.whenCompleteAsync((result, failure) -> {
      if (failure == null) {
        answer.complete(result);
      } else {
        answer.completeExceptionally(KafkaFailures.unwrap(failure));
      }
    });
    return answer;
  }

  private CompletableFuture<Map<Integer, Long>> offsets(
      Admin client, TopicDescription topic, String group, long deadline) {
    Set<TopicPartition> partitions = topic.partitions().stream()
        .map(partition -> new TopicPartition(topic.name(), partition.partition()))
        .collect(Collectors.toSet());
    int timeoutMs = left(deadline);
    CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> committed = client
        .listConsumerGroupOffsets(
            Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)),
            new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs))
        .partitionsToOffsetAndMetadata(group).toCompletionStage().toCompletableFuture();
    CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> ends =
        listOffsets(client, partitions, OffsetSpec.latest(), timeoutMs);
    CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> starts =
        listOffsets(client, partitions, OffsetSpec.earliest(), timeoutMs);
    return CompletableFuture.allOf(committed, ends, starts).thenApply(all -> {
      Map<Integer, Long> lag = new TreeMap<>();
      for (TopicPartition partition : partitions) {
        long end = ends.join().get(partition).offset();
        long start = starts.join().get(partition).offset();
        OffsetAndMetadata position = committed.join().get(partition);
        long from = position == null ? start : Math.max(start, position.offset());
        lag.put(partition.partition(), Math.max(0, end - from));
      }
      return lag;
    });
  }

  private static CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> listOffsets(
      Admin client, Set<TopicPartition> partitions, OffsetSpec spec, int timeoutMs) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(partition -> request.put(partition, spec));
    return client.listOffsets(request, new ListOffsetsOptions().timeoutMs(timeoutMs))
        .all().toCompletionStage().toCompletableFuture();
  }

  private static int left(long deadline) {
    long millis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
    if (millis <= 0) {
      throw new TimeoutException("no time left of the query's timeout");
    }
    return (int) Math.min(Integer.MAX_VALUE, millis);
  }
}
