package dev.switchback.cli.drain;

import java.util.Map;
import java.util.TreeMap;

/**
 * The lag of one consumer group on one topic, per partition.
 *
 * @param group the consumer group
 * @param topic the topic
 * @param partitions lag per partition number, in order; empty when the backend does not know the
 *     topic
 */
public record GroupLag(String group, String topic, Map<Integer, Long> partitions) {

  public GroupLag {
    partitions = new TreeMap<>(partitions);
  }

  /** Whether the backend knows the topic (it has partitions). */
  public boolean topicKnown() {
    return !partitions.isEmpty();
  }

  /** The lag over every partition. */
  public long total() {
    return partitions.values().stream().mapToLong(Long::longValue).sum();
  }
}
