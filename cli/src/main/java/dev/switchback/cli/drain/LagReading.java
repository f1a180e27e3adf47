package dev.switchback.cli.drain;

import static java.util.Objects.requireNonNull;

import dev.switchback.messaging.MessagingLag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One reading of the lag of some groups on some topics, every pair read at the same time.
 *
 * @param lags one entry per group and topic, groups in the order given, topics within each
 */
public record LagReading(List<GroupLag> lags) {

  public LagReading {
    lags = List.copyOf(lags);
  }

  /**
   * Asks {@code lag} for every pair of {@code groups} and {@code topics} at once; completes with
   * every answer, or fails with the first failure.
   */
  public static CompletionStage<LagReading> read(
      MessagingLag lag, List<String> groups, List<String> topics) {
    requireNonNull(lag, "lag");
    List<CompletableFuture<GroupLag>> asked = new ArrayList<>();
    for (String group : groups) {
      for (String topic : topics) {
        asked.add(lag.lag(topic, group).toCompletableFuture()
            .thenApply(partitions -> new GroupLag(group, topic, partitions)));
      }
    }
    return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
        .thenApply(all -> new LagReading(asked.stream().map(CompletableFuture::join).toList()));
  }

  /** The lag over every group, topic and partition. */
  public long total() {
    return lags.stream().mapToLong(GroupLag::total).sum();
  }

  /** Whether every group has consumed every message of every known topic. */
  public boolean drained() {
    return total() == 0;
  }

  /** The topics the backend does not know, each once, in the order given. */
  public List<String> unknownTopics() {
    List<String> unknown = new ArrayList<>();
    for (GroupLag lag : lags) {
      if (!lag.topicKnown() && !unknown.contains(lag.topic())) {
        unknown.add(lag.topic());
      }
    }
    return Collections.unmodifiableList(unknown);
  }
}
