package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.SwitchbackException;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.Subscription;
import dev.switchback.migration.Stage;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One subscriber of a {@link MessagingRouter}: a consumer on old until complete, and one on new
 * from dualwrite on (or from start, once new has been written), both in the subscriber's group and
 * both feeding the router's {@link DeliveryDeduplicator}. The consumer on new, once started, runs
 * until the subscription closes: messages published in live and rampdown may exist only there.
 *
 * <p>What a delivery does depends on the stage when it arrives. From old: handled (once per
 * group). From new in live, rampdown and complete: handled too, as is a copy published while new
 * was authoritative ({@link MessagingRouter#AUTHORITY_HEADER}), in any stage: it may exist on new
 * alone. Any other copy from new before live should also be on old, which answers in those
 * stages, so the delivery waits up to the shadow grace for old's copy to be handled and is then
 * acknowledged; if old's copy was not handled by then, new's copy is handled itself, so a message
 * is never dropped for lack of a copy on old. In shadow those outcomes are counted by the {@link
 * ShadowTally}.
 */
final class RoutedSubscription implements Subscription {

  /** What the subscriptions of one router share. */
  record Routes(
      StageController controller,
      Messaging oldMessaging,
      Messaging newMessaging,
      DeliveryDeduplicator dedup,
      ShadowTally tally,
      Duration shadowGrace) {}

  private final Routes routes;
  private final String topic;
  private final String group;
  private final MessageHandler handler;
  private final Consumer<RoutedSubscription> onClose;
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<CompletableFuture<Boolean>> waiting = ConcurrentHashMap.newKeySet();
  private @Nullable Subscription onOld; // guarded by lock
  private @Nullable Subscription onNew; // guarded by lock
  private volatile boolean closed;

  RoutedSubscription(Routes routes, String topic, String group, MessageHandler handler,
      Consumer<RoutedSubscription> onClose) {
    this.routes = requireNonNull(routes, "routes");
    this.topic = requireNonNull(topic, "topic");
    this.group = requireNonNull(group, "group");
    this.handler = requireNonNull(handler, "handler");
    this.onClose = requireNonNull(onClose, "onClose");
  }

  /** Starts and stops the consumers for {@code stage}. */
  void follow(Stage stage) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      boolean wantOld = stage != Stage.COMPLETE;
      boolean wantNew = stage != Stage.OFF || routes.controller().newWritten();
      if (wantOld && onOld == null) {
        onOld = routes.oldMessaging().subscribe(topic, group, this::fromOld);
      } else if (!wantOld && onOld != null) {
        onOld.closeAsync();
        onOld = null;
      }
      if (wantNew && onNew == null) {
        onNew = routes.newMessaging().subscribe(topic, group, this::fromNew);
      }
    } finally {
      lock.unlock();
    }
  }

  private CompletionStage<Void> fromOld(Message message) {
    DeliveryKey key = new DeliveryKey(topic, group, message.id());
    // A copy published while new was authoritative says nothing about shadow's comparison.
    boolean shadow = routes.controller().stage() == Stage.SHADOW
        && !MessagingRouter.publishedWithNewAuthoritative(message);
    CompletionStage<Void> handled = handle(key, message);
    return shadow ? handled.thenRun(() -> routes.tally().handledFromOld(key)) : handled;
  }

  private CompletionStage<Void> fromNew(Message message) {
    DeliveryKey key = new DeliveryKey(topic, group, message.id());
    Stage stage = routes.controller().stage();
    if (stage.compareTo(Stage.LIVE) >= 0 || MessagingRouter.publishedWithNewAuthoritative(message)) {
      return handle(key, message);
    }
    routes.tally().seenOnNew(key);
    CompletableFuture<Boolean> handledFromOld = routes.dedup().awaitHandled(key, routes.shadowGrace());
    waiting.add(handledFromOld);
    if (closed) {
      stopWaiting(handledFromOld);
    }
    return handledFromOld
        .whenComplete((h, t) -> waiting.remove(handledFromOld))
        .thenCompose(h -> {
          if (stage == Stage.SHADOW) {
            routes.tally().judgedOnNew(h);
          }
          return h ? CompletableFuture.<Void>completedFuture(null)
              : handle(key, message);
        });
  }

  /** Runs the handler through the de-duplication, giving up waiting once this closes. */
  private CompletionStage<Void> handle(DeliveryKey key, Message message) {
    return routes.dedup().deliver(key, () -> handler.handle(message), () -> !closed);
  }

  private static void stopWaiting(CompletableFuture<Boolean> wait) {
    wait.completeExceptionally(new SwitchbackException(
        "subscription closed while waiting for the old backend's copy; delivered again later"));
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public String group() {
    return group;
  }

  /**
   * Stops both consumers. Deliveries from new that wait for old's copy give up at once and are
   * not acknowledged, so close does not wait for the grace period; the backend delivers them again.
   */
  @Override
  public CompletionStage<Void> closeAsync() {
    lock.lock();
    try {
      closed = true;
      onClose.accept(this);
      waiting.forEach(RoutedSubscription::stopWaiting);
      CompletableFuture<?> a = onOld == null
          ? CompletableFuture.completedFuture(null) : onOld.closeAsync().toCompletableFuture();
      CompletableFuture<?> b = onNew == null
          ? CompletableFuture.completedFuture(null) : onNew.closeAsync().toCompletableFuture();
      return CompletableFuture.allOf(a, b);
    } finally {
      lock.unlock();
    }
  }
}
