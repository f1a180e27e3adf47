package dev.switchback.memory.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.messaging.DeadLetters;
import dev.switchback.InvalidInputException;
import dev.switchback.SwitchbackException;
import dev.switchback.TooLargeException;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.Subscription;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryMessagingTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  private final List<MemoryMessaging> instances = new ArrayList<>();

  @AfterEach
  void closeInstances() {
    instances.forEach(MemoryMessaging::close);
  }

  @Test
  void newGroupSeesOnlyTheRetainedNewestMessages() {
    MemoryMessaging messaging = open(MemoryMessaging.builder().retainedMessagesPerTopic(5));
    List<String> ids = publish(messaging, "orders", 8, null);

    List<String> received = new CopyOnWriteArrayList<>();
    messaging.subscribe("orders", "late", recording(received));

    Eventually.await(DEADLINE, () -> assertThat(received).hasSize(5));
    assertThat(received).containsExactlyInAnyOrderElementsOf(ids.subList(3, 8));
    Eventually.await(
        DEADLINE, () -> assertThat(messaging.committedOffset("orders", "late")).isEqualTo(8));
  }

  @Test
  void groupThatFellBehindRetentionSkipsDroppedMessagesAndKeepsTheRest() {
    MemoryMessaging messaging = open(MemoryMessaging.builder().retainedMessagesPerTopic(3));
    List<String> received = new CopyOnWriteArrayList<>();
    Subscription first = messaging.subscribe("t", "g", recording(received));
    List<String> early = publish(messaging, "t", 2, null);
    Eventually.await(DEADLINE, () -> assertThat(received).containsAll(early));
    first.close();

    List<String> later = publish(messaging, "t", 6, null);
    messaging.subscribe("t", "g", recording(received));

    Eventually.await(DEADLINE, () -> assertThat(received).containsAll(later.subList(3, 6)));
    assertThat(received).doesNotContainAnyElementsOf(later.subList(0, 3));
  }

  @Test
  void committedOffsetStopsAtTheOldestUnacknowledgedMessage() {
    MemoryMessaging messaging = open(MemoryMessaging.builder());
    CompletableFuture<Void> held = new CompletableFuture<>();
    AtomicInteger seen = new AtomicInteger();
    messaging.subscribe(
        "t",
        "g",
        message -> {
          // The second message is held; the others are acknowledged at once.
          return seen.incrementAndGet() == 2 ? held : CompletableFuture.completedFuture(null);
        });
    publish(messaging, "t", 4, null);

    Eventually.await(DEADLINE, () -> assertThat(seen.get()).isEqualTo(4));
    assertThat(messaging.committedOffset("t", "g")).isEqualTo(1);
    held.complete(null);
    Eventually.await(DEADLINE, () -> assertThat(messaging.committedOffset("t", "g")).isEqualTo(4));
    assertThat(messaging.committedOffset("t", "never-subscribed")).isZero();
  }

  @Test
  void membersOfOneGroupShareMessagesExactlyOnceWhenHandlersSucceed() {
    MemoryMessaging messaging = open(MemoryMessaging.builder());
    Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    List<String> byA = new CopyOnWriteArrayList<>();
    List<String> byB = new CopyOnWriteArrayList<>();
    messaging.subscribe("t", "g", counting(handled, byA));
    messaging.subscribe("t", "g", counting(handled, byB));

    List<String> ids = publish(messaging, "t", 200, null);

    Eventually.await(DEADLINE, () -> assertThat(handled.keySet()).containsAll(ids));
    assertThat(handled.values()).allMatch(count -> count.get() == 1);
    assertThat(byA).doesNotContainAnyElementsOf(byB);
    assertThat(byA.size() + byB.size()).isEqualTo(200);
  }

  @Test
  void subscriptionNeverRunsMoreHandlersThanItsBound() {
    MemoryMessaging messaging = open(MemoryMessaging.builder().maxInFlightPerSubscription(2));
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostRunning = new AtomicInteger();
    List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    messaging.subscribe(
        "t",
        "g",
        message -> {
          mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          CompletableFuture<Void> done = new CompletableFuture<>();
          held.add(done);
          return done.whenComplete((ignored, failure) -> running.decrementAndGet());
        });
    publish(messaging, "t", 6, null);

    for (int released = 0; released < 6; released++) {
      int expected = Math.min(released + 2, 6);
      Eventually.await(DEADLINE, () -> assertThat(held).hasSize(expected));
      assertThat(running.get()).isLessThanOrEqualTo(2);
      held.get(released).complete(null);
    }
    assertThat(mostRunning.get()).isEqualTo(2);
  }

  @Test
  void handlerReturningNullIsRedelivered() {
    MemoryMessaging messaging = open(fastRedelivery());
    AtomicInteger attempts = new AtomicInteger();
    messaging.subscribe(
        "t",
        "g",
        message -> attempts.incrementAndGet() == 1 ? null : CompletableFuture.completedFuture(null));
    publish(messaging, "t", 1, null);
    Eventually.await(DEADLINE, () -> assertThat(attempts.get()).isEqualTo(2));
  }

  @Test
  void messageThatKeepsFailingMovesToTheDeadLetterTopicAndReleasesItsKey() {
    MemoryMessaging messaging = open(fastRedelivery().deadLetterAfter(3));
    assertThat(messaging.features())
        .containsExactlyInAnyOrder(
            MessagingFeature.ORDERED_PER_KEY, MessagingFeature.LAG, MessagingFeature.DEAD_LETTER);
    Message poison = new Message("poison", "k", bytes("bad"), Map.of("origin", "test"));
    Message next = new Message("next", "k", bytes("good"), Map.of());
    AtomicInteger poisonAttempts = new AtomicInteger();
    List<String> handled = new CopyOnWriteArrayList<>();
    messaging.subscribe(
        "orders",
        "billing",
        message -> {
          if (message.id().equals("poison")) {
            poisonAttempts.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("always"));
          }
          handled.add(message.id());
          return CompletableFuture.completedFuture(null);
        });
    List<Message> deadLetters = new CopyOnWriteArrayList<>();
    messaging.subscribe(
        "orders" + DeadLetters.DEFAULT_SUFFIX,
        "ops",
        message -> {
          deadLetters.add(message);
          return CompletableFuture.completedFuture(null);
        });

    join(messaging.publish("orders", poison));
    join(messaging.publish("orders", next));

    Eventually.await(DEADLINE, () -> assertThat(handled).containsExactly("next"));
    assertThat(poisonAttempts.get()).isEqualTo(3);
    Eventually.await(DEADLINE, () -> assertThat(deadLetters).hasSize(1));
    Message dead = deadLetters.get(0);
    assertThat(dead.id()).isEqualTo("poison");
    assertThat(dead.payload()).containsExactly(bytes("bad"));
    assertThat(dead.headers())
        .containsEntry("origin", "test")
        .containsEntry(DeadLetters.TOPIC_HEADER, "orders")
        .containsEntry(DeadLetters.GROUP_HEADER, "billing")
        .containsEntry(DeadLetters.ATTEMPTS_HEADER, "3");
  }

  @Test
  void withoutDeadLettersOnlyOrderPerKeyAndLagAreClaimed() {
    assertThat(open(MemoryMessaging.builder()).features())
        .containsExactlyInAnyOrder(MessagingFeature.ORDERED_PER_KEY, MessagingFeature.LAG);
  }

  @Test
  void topicTooLongForItsDeadLetterTopicIsRefusedWhenDeadLettersAreOn() {
    MemoryMessaging messaging = open(fastRedelivery().deadLetterAfter(1));
    String longest = "t".repeat(MemoryMessaging.MAX_TOPIC_LENGTH);
    assertThatThrownBy(() -> messaging.subscribe(longest, "g", message -> null))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void payloadOverTheLimitIsRefusedAndNotStored() {
    MemoryMessaging messaging = open(MemoryMessaging.builder().maxPayloadBytes(4));
    assertThat(failureOf(messaging.publish("t", Message.of(new byte[5]))))
        .isInstanceOf(TooLargeException.class);
    join(messaging.publish("t", Message.of(new byte[4])));

    List<String> received = new CopyOnWriteArrayList<>();
    messaging.subscribe("t", "g", recording(received));
    Eventually.await(DEADLINE, () -> assertThat(received).hasSize(1));
    assertThat(messaging.committedOffset("t", "g")).isEqualTo(1);
  }

  @Test
  void publishedPayloadIsCopied() {
    MemoryMessaging messaging = open(MemoryMessaging.builder());
    byte[] payload = bytes("original");
    join(messaging.publish("t", Message.of(payload)));
    payload[0] = 'X';

    List<Message> received = new CopyOnWriteArrayList<>();
    messaging.subscribe(
        "t",
        "g",
        message -> {
          received.add(message);
          return CompletableFuture.completedFuture(null);
        });
    Eventually.await(DEADLINE, () -> assertThat(received).hasSize(1));
    assertThat(received.get(0).payload()).containsExactly(bytes("original"));
  }

  @Test
  void closedInstanceRefusesPublishAndSubscribe() {
    MemoryMessaging messaging = open(MemoryMessaging.builder());
    messaging.close();
    assertThat(failureOf(messaging.publish("t", Message.of(new byte[1]))))
        .isInstanceOf(SwitchbackException.class);
    assertThatThrownBy(() -> messaging.subscribe("t", "g", message -> null))
        .isInstanceOf(SwitchbackException.class);
    assertThat(messaging.closeAsync().toCompletableFuture()).isCompleted();
  }

  @Test
  void failedMessageLeftByAClosedSubscriptionGoesToTheNextMember() {
    MemoryMessaging messaging = open(fastRedelivery());
    CompletableFuture<Void> running = new CompletableFuture<>();
    AtomicInteger started = new AtomicInteger();
    Subscription first =
        messaging.subscribe(
            "t",
            "g",
            message -> {
              started.incrementAndGet();
              return running;
            });
    publish(messaging, "t", 1, null);
    Eventually.await(DEADLINE, () -> assertThat(started.get()).isEqualTo(1));
    CompletableFuture<Void> closed = first.closeAsync().toCompletableFuture();
    assertThat(closed).isNotDone();
    running.completeExceptionally(new IllegalStateException("failed while closing"));
    join(closed);

    List<String> received = new CopyOnWriteArrayList<>();
    messaging.subscribe("t", "g", recording(received));
    Eventually.await(DEADLINE, () -> assertThat(received).hasSize(1));
  }

  @Test
  void builderRefusesSettingsOutOfRange() {
    assertThatThrownBy(() -> MemoryMessaging.builder().retainedMessagesPerTopic(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MemoryMessaging.builder().maxInFlightPerSubscription(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> MemoryMessaging.builder().redeliveryDelay(Duration.ofSeconds(2), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MemoryMessaging.builder().deadLetterAfter(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private MemoryMessaging open(MemoryMessaging.Builder builder) {
    MemoryMessaging messaging = builder.build();
    instances.add(messaging);
    return messaging;
  }

  private static MemoryMessaging.Builder fastRedelivery() {
    return MemoryMessaging.builder().redeliveryDelay(Duration.ofMillis(5), Duration.ofMillis(20));
  }

  private static List<String> publish(
      MemoryMessaging messaging, String topic, int count, String key) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Message message =
          new Message("m" + NEXT_ID.incrementAndGet(), key, bytes("payload " + i), Map.of());
      join(messaging.publish(topic, message));
      ids.add(message.id());
    }
    return ids;
  }

  private static MessageHandler recording(List<String> ids) {
    return message -> {
      ids.add(message.id());
      return CompletableFuture.completedFuture(null);
    };
  }

  private static MessageHandler counting(Map<String, AtomicInteger> handled, List<String> mine) {
    return message -> {
      handled.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
      mine.add(message.id());
      return CompletableFuture.runAsync(
          () -> {}, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
    };
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static <T> T join(CompletionStage<T> stage) {
    return Stages.join(stage, DEADLINE);
  }

  private static Throwable failureOf(CompletionStage<?> stage) {
    return Stages.failureOf(stage, DEADLINE);
  }
}
