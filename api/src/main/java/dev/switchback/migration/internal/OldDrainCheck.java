package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Whether the old backend is drained, for the verdict in rampdown: the consumer lag on old of
 * every topic and group this router subscribes to must be 0. Lag is asked for in the background
 * ({@link MessagingLag}); {@link #reasons()} never waits, it answers from the last complete answer
 * and starts a new query when that one is older than the refresh interval. A query that does not
 * answer within its timeout counts as failed, so a hanging backend cannot stall the check. Answers from before the
 * last {@link #invalidate()} (a stage change) are dropped, so messages published to old before
 * rampdown began are never missed.
 */
final class OldDrainCheck {
  /** A topic and group this router consumes. */
  record TopicGroup(String topic, String group) {}

  private record Snapshot(long generation, long atNanos, List<String> reasons) {}

  private final Optional<MessagingLag> lag;
  private final Supplier<Collection<TopicGroup>> subscribed;
  private final long refreshNanos;
  private final long queryTimeoutMillis;
  private final AtomicLong generation = new AtomicLong();
  private final AtomicBoolean querying = new AtomicBoolean();
  private final AtomicReference<@Nullable Snapshot> last = new AtomicReference<>();

  /**
   * @param refresh how old an answer may be before the next {@link #reasons()} asks again
   * @param queryTimeout how long one query may take before it counts as failed
   */
  OldDrainCheck(Messaging old, Supplier<Collection<TopicGroup>> subscribed, Duration refresh,
      Duration queryTimeout) {
    this.lag = requireNonNull(old, "old").ability(MessagingLag.class);
    this.subscribed = requireNonNull(subscribed, "subscribed");
    this.refreshNanos = refresh.toNanos();
    this.queryTimeoutMillis = queryTimeout.toMillis();
  }

  /** Forgets what is known: the stage changed, so old may have received messages since. */
  void invalidate() {
    generation.incrementAndGet();
    last.set(null);
  }

  /** Why old is not drained yet; empty when every subscribed group's lag on old is 0. */
  List<String> reasons() {
    if (lag.isEmpty()) {
      return List.of("the old backend cannot report consumer lag, so its draining cannot be"
          + " confirmed; make sure every group has consumed old before complete");
    }
    Snapshot s = last.get();
    long gen = generation.get();
    boolean fresh = s != null && s.generation() == gen && System.nanoTime() - s.atNanos() < refreshNanos;
    if (!fresh) {
      refresh(lag.get(), gen);
      s = last.get(); // an in-process backend answers at once
    }
    if (s == null || s.generation() != gen) {
      return List.of("the consumer lag of the old backend is not known yet; it has been asked for");
    }
    return s.reasons();
  }

  private void refresh(MessagingLag source, long gen) {
    if (!querying.compareAndSet(false, true)) {
      return;
    }
    Map<TopicGroup, CompletableFuture<Map<Integer, Long>>> asked = new LinkedHashMap<>();
    try {
      for (TopicGroup tg : subscribed.get()) {
        asked.computeIfAbsent(tg, k -> KeyedRouting.withTimeout(
            KeyedRouting.call(l -> l.lag(k.topic(), k.group()), source), queryTimeoutMillis));
      }
    } catch (RuntimeException e) {
      querying.set(false);
      throw e;
    }
    CompletableFuture.allOf(asked.values().stream()
            .map(f -> f.handle((v, t) -> null)).toArray(CompletableFuture[]::new))
        .whenComplete((v, t) -> {
          try {
            List<String> reasons = new ArrayList<>();
            asked.forEach((tg, f) -> reasons.addAll(reasonsFor(tg, f)));
            if (generation.get() == gen) {
              last.set(new Snapshot(gen, System.nanoTime(), List.copyOf(reasons)));
            }
          } finally {
            querying.set(false);
          }
        });
  }

  private static List<String> reasonsFor(TopicGroup tg, CompletableFuture<Map<Integer, Long>> answer) {
    Map<Integer, Long> byPartition;
    try {
      byPartition = answer.join();
    } catch (RuntimeException e) {
      return List.of("the consumer lag of group " + tg.group() + " on topic " + tg.topic()
          + " could not be read from the old backend: " + KeyedRouting.cause(e));
    }
    long unconsumed = byPartition.values().stream().mapToLong(Long::longValue).sum();
    return unconsumed == 0 ? List.of() : List.of("old backend has " + unconsumed
        + " unconsumed messages for group " + tg.group() + " on topic " + tg.topic());
  }
}
