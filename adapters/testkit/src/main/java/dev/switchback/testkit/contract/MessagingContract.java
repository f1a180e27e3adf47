package dev.switchback.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.switchback.InvalidInputException;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.MessagingLag;
import dev.switchback.messaging.Subscription;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link Messaging} backend must show. Subclass it, return the backend from
 * {@link #createMessaging()}, and every test runs against it.
 *
 * <p>One instance serves the whole class: it is created on first use and closed after the last
 * test. Every test uses its own random topic and group names, so the suite can run against a shared
 * server. Waits have generous deadlines ({@link #DEADLINE}) for real brokers; a fast backend
 * finishes fast. Delivery is at least once: tests accept repeats except where the contract rules
 * them out.
 */
public abstract class MessagingContract extends ContractSuite<Messaging> {

  /** How long a test waits for a delivery or a close before it fails. */
  protected static final Duration DEADLINE = Duration.ofSeconds(30);

  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  /** For subclasses. */
  protected MessagingContract() {
    super("createMessaging()");
  }

  /**
   * Creates the backend under test. Called once per test class, on first use, after the
   * subclass's own {@code @BeforeAll} methods; the suite closes it after the last test.
   */
  protected abstract Messaging createMessaging();

  /** The backend under test. */
  protected final Messaging messaging() {
    return backend();
  }

  @Override
  final Messaging newBackend() {
    return createMessaging();
  }

  @Override
  final void closeBackend(Messaging messaging) {
    join(messaging.closeAsync());
  }

  @AfterEach
  final void closeSubscriptions() {
    for (Subscription subscription : subscriptions) {
      join(subscription.closeAsync());
    }
    subscriptions.clear();
  }

  @Test
  void publishedMessageReachesANewSubscriberIntact() {
    String topic = newTopic();
    Message sent =
        new Message(
            newId(), "key-1", bytes("payload \u00e9\u00e8"), Map.of("h1", "v1", "h2", ""));
    join(messaging().publish(topic, sent));

    MessagingLog log = new MessagingLog();
    subscribe(topic, newGroup(), log.acking());

    Eventually.await(DEADLINE, () -> assertThat(log.ids()).contains(sent.id()));
    Message received = log.first(sent.id());
    assertThat(received.id()).isEqualTo(sent.id());
    assertThat(received.key()).isEqualTo("key-1");
    assertThat(received.payload()).containsExactly(sent.payload());
    assertThat(received.headers()).containsAllEntriesOf(sent.headers());
  }

  @Test
  void messagePublishedAfterSubscribingIsDelivered() {
    String topic = newTopic();
    MessagingLog log = new MessagingLog();
    subscribe(topic, newGroup(), log.acking());

    Message sent = Message.of(bytes("later"));
    join(messaging().publish(topic, sent));

    Eventually.await(DEADLINE, () -> assertThat(log.ids()).contains(sent.id()));
    assertThat(log.first(sent.id()).payload()).containsExactly(sent.payload());
  }

  @Test
  void everyGroupReceivesEveryMessage() {
    String topic = newTopic();
    List<String> ids = publishMany(topic, 20, i -> "key-" + (i % 4));
    MessagingLog first = new MessagingLog();
    MessagingLog second = new MessagingLog();
    subscribe(topic, newGroup(), first.acking());
    subscribe(topic, newGroup(), second.acking());

    Eventually.await(
        DEADLINE,
        () -> {
          assertThat(first.ids()).containsAll(ids);
          assertThat(second.ids()).containsAll(ids);
        });
    assertThat(first.ids()).allMatch(ids::contains);
    assertThat(second.ids()).allMatch(ids::contains);
  }

  @Test
  void membersOfOneGroupShareMessagesWithoutLossOrOverlap() {
    String topic = newTopic();
    String group = newGroup();
    MessagingLog log = new MessagingLog();
    subscribe(topic, group, log.ackingLater("a"));
    subscribe(topic, group, log.ackingLater("b"));

    List<String> ids = publishMany(topic, 60, i -> "key-" + i);

    Eventually.await(DEADLINE, () -> assertThat(log.ids()).containsAll(ids));
    assertThat(log.ids()).allMatch(ids::contains);
    // Each message goes to one member at a time; a repeat is only ever a redelivery after the
    // first handling ended, never a second member handling it at the same time.
    assertThat(log.overlaps()).isEmpty();
  }

  @Test
  void failedStageIsRedeliveredUntilAcknowledged() {
    String topic = newTopic();
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger acknowledged = new AtomicInteger();
    subscribe(
        topic,
        newGroup(),
        message -> {
          if (attempts.incrementAndGet() <= 2) {
            return CompletableFuture.failedFuture(new IllegalStateException("not yet"));
          }
          acknowledged.incrementAndGet();
          return CompletableFuture.completedFuture(null);
        });

    join(messaging().publish(topic, Message.of(bytes("retry me"))));

    Eventually.await(DEADLINE, () -> assertThat(acknowledged.get()).isPositive());
    assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void handlerThatThrowsIsRedelivered() {
    String topic = newTopic();
    AtomicInteger attempts = new AtomicInteger();
    MessagingLog log = new MessagingLog();
    MessageHandler acking = log.acking();
    subscribe(
        topic,
        newGroup(),
        message -> {
          if (attempts.incrementAndGet() == 1) {
            throw new IllegalStateException("thrown, not returned");
          }
          return acking.handle(message);
        });

    Message sent = Message.of(bytes("throw once"));
    join(messaging().publish(topic, sent));

    Eventually.await(DEADLINE, () -> assertThat(log.ids()).contains(sent.id()));
    assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void closeWaitsForRunningHandlerAndCommitsWhatItCompleted() {
    String topic = newTopic();
    String group = newGroup();
    // One key keeps the three messages in one partition, so the later subscriber would meet a
    // redelivered message before the newest one.
    Message acked = new Message(newId(), "same", bytes("acked"), Map.of());
    Message running = new Message(newId(), "same", bytes("running"), Map.of());
    Message later = new Message(newId(), "same", bytes("later"), Map.of());

    CompletableFuture<Void> runningHandler = new CompletableFuture<>();
    MessagingLog firstLog = new MessagingLog();
    MessageHandler firstAcking = firstLog.acking();
    Subscription first =
        subscribe(
            topic,
            group,
            message -> {
              CompletionStage<Void> recorded = firstAcking.handle(message);
              return message.id().equals(running.id()) ? runningHandler : recorded;
            });

    join(messaging().publish(topic, acked));
    join(messaging().publish(topic, running));
    Eventually.await(
        DEADLINE, () -> assertThat(firstLog.ids()).contains(acked.id(), running.id()));

    CompletableFuture<Void> closed = first.closeAsync().toCompletableFuture();
    assertThat(closed).as("close waits for the running handler").isNotDone();
    runningHandler.complete(null);
    join(closed);

    join(messaging().publish(topic, later));
    MessagingLog secondLog = new MessagingLog();
    subscribe(topic, group, secondLog.acking());
    Eventually.await(DEADLINE, () -> assertThat(secondLog.ids()).contains(later.id()));
    assertThat(secondLog.ids()).doesNotContain(acked.id(), running.id());
  }

  @Test
  void closingMessagingDrainsItsSubscriptionsAndRefusesPublish() {
    Messaging own = createMessaging();
    CompletableFuture<Void> runningHandler = new CompletableFuture<>();
    try {
      closeDrainsAndRefusesPublish(own, runningHandler);
    } finally {
      runningHandler.complete(null);
      own.closeAsync();
    }
  }

  private void closeDrainsAndRefusesPublish(
      Messaging own, CompletableFuture<Void> runningHandler) {
    String topic = newTopic();
    AtomicInteger started = new AtomicInteger();
    own.subscribe(
        topic,
        newGroup(),
        message -> {
          started.incrementAndGet();
          return runningHandler;
        });
    join(own.publish(topic, Message.of(bytes("in flight at close"))));
    Eventually.await(DEADLINE, () -> assertThat(started.get()).isPositive());

    CompletableFuture<Void> closed = own.closeAsync().toCompletableFuture();
    assertThat(closed).as("close waits for the running handler").isNotDone();
    runningHandler.complete(null);
    join(closed);

    assertThat(failureOf(own.publish(topic, Message.of(bytes("after close")))))
        .as("publish after close")
        .isNotNull();
  }

  @Test
  void newGroupStartsFromTheEarliestRetainedMessage() {
    String topic = newTopic();
    List<String> ids = publishMany(topic, 5, i -> null);
    MessagingLog log = new MessagingLog();
    subscribe(topic, newGroup(), log.acking());
    Eventually.await(DEADLINE, () -> assertThat(log.ids()).containsAll(ids));
  }

  static Stream<String> invalidTopics() {
    return Stream.of("", ".", "..", "a".repeat(Messaging.MAX_TOPIC_LENGTH + 1), "bad topic",
        "bad/topic", "t\u00e9l\u00e9", "star*", "new\nline");
  }

  @ParameterizedTest
  @MethodSource("invalidTopics")
  void invalidTopicIsRefusedOnPublishAndSubscribe(String topic) {
    assertThat(failureOf(messaging().publish(topic, Message.of(bytes("x")))))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> messaging().subscribe(topic, newGroup(), message -> done()))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void blankGroupIsRefused() {
    assertThatThrownBy(() -> messaging().subscribe(newTopic(), " ", message -> done()))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void messageWithEmptyIdIsRefusedAndNeverDelivered() {
    String topic = newTopic();
    Message noId = new Message("", null, bytes("no id"), Map.of());
    assertThat(failureOf(messaging().publish(topic, noId)))
        .isInstanceOf(InvalidInputException.class);

    Message marker = Message.of(bytes("marker"));
    join(messaging().publish(topic, marker));
    MessagingLog log = new MessagingLog();
    subscribe(topic, newGroup(), log.acking());
    Eventually.await(DEADLINE, () -> assertThat(log.ids()).contains(marker.id()));
    assertThat(log.ids()).containsOnly(marker.id());
  }

  @Test
  void topicOfTheLongestLegalNameIsAccepted() {
    String prefix = newTopic() + "-";
    String topic = prefix + "x".repeat(Messaging.MAX_TOPIC_LENGTH - prefix.length());
    Message sent = Message.of(bytes("long topic"));
    join(messaging().publish(topic, sent));
    MessagingLog log = new MessagingLog();
    subscribe(topic, newGroup(), log.acking());
    Eventually.await(DEADLINE, () -> assertThat(log.ids()).contains(sent.id()));
  }

  @Test
  void messagesOfOneKeyAreHandledInPublishOrderEvenAcrossRedelivery() {
    assumeThat(messaging().features()).contains(MessagingFeature.ORDERED_PER_KEY);
    String topic = newTopic();
    String group = newGroup();
    List<String> keys = List.of("k1", "k2", "k3");
    Map<String, List<String>> published = new ConcurrentHashMap<>();
    Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    MessageHandler handler =
        message -> {
          // Every fifth message fails once: the ones after it must wait for its redelivery.
          int sequence = Integer.parseInt(new String(message.payload(), StandardCharsets.UTF_8));
          if (sequence % 5 == 0 && failedOnce.add(message.id())) {
            return CompletableFuture.failedFuture(new IllegalStateException("fail once"));
          }
          acknowledged.computeIfAbsent(message.key(), k -> new CopyOnWriteArrayList<>())
              .add(message.id());
          return done();
        };
    subscribe(topic, group, handler);
    subscribe(topic, group, handler);

    for (int i = 0; i < 45; i++) {
      String key = keys.get(i % keys.size());
      Message message = new Message(newId(), key, bytes(Integer.toString(i)), Map.of());
      published.computeIfAbsent(key, k -> new ArrayList<>()).add(message.id());
      join(messaging().publish(topic, message));
    }

    Eventually.await(
        DEADLINE,
        () -> {
          for (String key : keys) {
            assertThat(distinctInOrder(acknowledged.get(key)))
                .as("acknowledged order of key %s", key)
                .containsExactlyElementsOf(published.get(key));
          }
        });
  }

  @Test
  void lagCountsUnacknowledgedMessagesOfAGroupUntilItsHandlersComplete() {
    assumeThat(messaging().features()).contains(MessagingFeature.LAG);
    MessagingLag lag = messaging().ability(MessagingLag.class).orElseThrow(
        () -> new AssertionError("LAG is reported but ability(MessagingLag.class) is empty"));
    String topic = newTopic();
    String group = newGroup();
    assertThat(totalLag(lag, newTopic(), group)).as("lag on a topic never used").isZero();

    List<String> ids = publishMany(topic, 3, i -> "key-" + i);
    assertThat(totalLag(lag, topic, group)).as("a group that never consumed").isEqualTo(3);

    CompletableFuture<Void> release = new CompletableFuture<>();
    MessagingLog log = new MessagingLog();
    MessageHandler acking = log.acking();
    subscribe(topic, group, message -> acking.handle(message).thenCompose(v -> release));
    Eventually.await(DEADLINE, () -> assertThat(log.ids()).isNotEmpty());
    assertThat(totalLag(lag, topic, group))
        .as("messages being handled are not consumed yet").isEqualTo(3);

    release.complete(null);
    Eventually.await(DEADLINE, () -> assertThat(totalLag(lag, topic, group)).isZero());
    assertThat(log.ids()).containsAll(ids);
    assertThat(totalLag(lag, topic, newGroup())).as("another group still lags").isEqualTo(3);
    assertThat(failureOf(lag.lag("bad topic", group))).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void lagIsOfferedExactlyWhenReported() {
    boolean reported = messaging().features().contains(MessagingFeature.LAG);
    assertThat(messaging().ability(MessagingLag.class).isPresent()).isEqualTo(reported);
    if (!reported) {
      assertThat(messaging()).isNotInstanceOf(MessagingLag.class);
    }
  }

  private static long totalLag(MessagingLag lag, String topic, String group) {
    return join(lag.lag(topic, group)).values().stream().mapToLong(Long::longValue).sum();
  }

  // --- helpers ---

  /** Subscribes and closes the subscription after the test. */
  protected final Subscription subscribe(String topic, String group, MessageHandler handler) {
    Subscription subscription = messaging().subscribe(topic, group, handler);
    subscriptions.add(subscription);
    return subscription;
  }

  private List<String> publishMany(String topic, int count, IntFunctionToKey key) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Message message = new Message(newId(), key.keyOf(i), bytes("message " + i), Map.of());
      ids.add(message.id());
      join(messaging().publish(topic, message));
    }
    return ids;
  }

  /** A key for the {@code i}-th message, or null for none. */
  @FunctionalInterface
  private interface IntFunctionToKey {
    @Nullable
    String keyOf(int i);
  }

  private static List<String> distinctInOrder(@Nullable List<String> ids) {
    return ids == null ? List.of() : ids.stream().distinct().collect(Collectors.toList());
  }

  /** A topic name no other test or run uses. */
  protected static String newTopic() {
    return "contract-" + UUID.randomUUID().toString().replace("-", "");
  }

  /** A group name no other test or run uses. */
  protected static String newGroup() {
    return "group-" + UUID.randomUUID().toString().replace("-", "");
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static CompletionStage<Void> done() {
    return CompletableFuture.completedFuture(null);
  }

  /** Waits for {@code stage}; fails the test if it fails or does not complete in time. */
  protected static <T> T join(CompletionStage<T> stage) {
    return Stages.join(stage, DEADLINE);
  }

  /** Waits for {@code stage} to fail and returns why; fails the test if it succeeds. */
  protected static Throwable failureOf(CompletionStage<?> stage) {
    return Stages.failureOf(stage, DEADLINE);
  }

  /** Records what handlers saw, and whether two members ever held one message at once. */
  private static final class MessagingLog {
    private final List<Message> handled = new CopyOnWriteArrayList<>();
    private final Map<String, String> inProgress = new ConcurrentHashMap<>();
    private final List<String> overlaps = new CopyOnWriteArrayList<>();

    /** A handler that records and acknowledges at once. */
    MessageHandler acking() {
      return message -> {
        handled.add(message);
        return done();
      };
    }

    /** A handler that acknowledges a little later, so overlapping deliveries would show. */
    MessageHandler ackingLater(String member) {
      return message -> {
        String holder = inProgress.putIfAbsent(message.id(), member);
        if (holder != null) {
          overlaps.add(message.id() + " held by " + holder + " and " + member);
        }
        handled.add(message);
        return CompletableFuture.runAsync(
            () -> inProgress.remove(message.id(), member),
            CompletableFuture.delayedExecutor(2, TimeUnit.MILLISECONDS));
      };
    }

    List<String> ids() {
      return handled.stream().map(Message::id).collect(Collectors.toList());
    }

    Message first(String id) {
      return handled.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    List<String> overlaps() {
      return overlaps;
    }
  }
}
