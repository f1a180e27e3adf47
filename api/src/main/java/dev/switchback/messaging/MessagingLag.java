package dev.switchback.messaging;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Optional ability of a {@link Messaging} backend: how far a consumer group is behind on a topic.
 * Obtain it with {@code messaging.ability(MessagingLag.class)}; present when {@link
 * MessagingFeature#LAG} is reported. A migration uses it to tell when the old backend is drained.
 */
public interface MessagingLag {

  /**
   * The lag of {@code group} on each partition of {@code topic}: how many messages the backend
   * holds for the group beyond its committed position, that is, messages not yet acknowledged by
   * a handler of the group (those being handled or waiting for redelivery included). A group that
   * never committed a position counts every retained message, since a new group starts from the
   * earliest. A topic the backend does not know has no partitions: the map is empty.
   *
   * <p>The figure is a snapshot; it may be slightly stale on backends that commit positions
   * periodically. It never counts a message as consumed before its handler completed.
   *
   * @return lag per partition number (backends without partitions report partition 0); a
   *     bad topic or group fails the stage with {@link dev.switchback.InvalidInputException}
   */
  CompletionStage<Map<Integer, Long>> lag(String topic, String group);
}
