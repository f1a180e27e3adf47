package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.SwitchbackException;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.Subscription;
import dev.switchback.messaging.Topics;
import dev.switchback.migration.MigrationEvent;
import dev.switchback.migration.Side;
import dev.switchback.migration.Stage;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@link Messaging} over an old and a new backend, routed by the migration's stage.
 *
 * <p>Publish: off publishes to old; dualwrite and shadow to old (authoritative) then new; live to
 * new (authoritative) then old; rampdown and complete to new only. A failed publish to the
 * non-authoritative side is journaled with the message and published again by the reconciler.
 *
 * <p>Subscribe: old is consumed until complete. From live on, new is consumed too and both feed
 * one {@link DeliveryDeduplicator}, so the handler sees each message id once per subscription;
 * once started, the new consumer keeps running if the migration steps back, since messages of
 * live and rampdown may exist only there. The de-duplication is shared by the subscribers of one
 * group in this process, so two of them never both handle one message because each got it
 * from a different backend; across processes it needs a shared store (not yet offered).
 *
 * <p>In shadow, new is consumed off the caller's path in the same group, so its consumers and
 * offsets are exercised and counted in the new backend's operations before live; the messages
 * are also on old, which handles them. Counting missing and extra ids is not done yet.
 */
public final class MessagingRouter implements Messaging {
  private static final int DEDUP_CAPACITY = 100_000;

  private final StageController controller;
  private final Messaging oldMessaging;
  private final Messaging newMessaging;
  private final DivergenceJournal journal = new DivergenceJournal();
  private final Reconciler reconciler;
  private final long mirrorTimeoutMillis;
  private final CopyOnWriteArrayList<RoutedSubscription> subscriptions = new CopyOnWriteArrayList<>();
  /** One per topic and group, shared by the group's subscribers in this process. */
  private final ConcurrentHashMap<String, DeliveryDeduplicator> dedups = new ConcurrentHashMap<>();
  private final AutoCloseable listenerRegistration;
  private volatile boolean closed;

  private record Pending(String topic, Message message) {}

  public MessagingRouter(
      StageController controller,
      Messaging oldMessaging,
      Messaging newMessaging,
      ScheduledExecutorService scheduler) {
    this.controller = requireNonNull(controller, "controller");
    this.oldMessaging = requireNonNull(oldMessaging, "oldMessaging");
    this.newMessaging = requireNonNull(newMessaging, "newMessaging");
    this.mirrorTimeoutMillis = controller.settings().mirrorTimeout().toMillis();
    controller.setBacklog(journal::size);
    this.reconciler =
        new Reconciler(
            "messaging reconciler",
            journal,
            d -> {
              Pending p = (Pending) requireNonNull(d.payload());
              return KeyedRouting.withTimeout(
                  side(d.truth().other()).publish(p.topic(), p.message()), mirrorTimeoutMillis);
            },
            controller.settings().reconcileInterval(),
            scheduler);
    this.listenerRegistration =
        controller.addListener(
            event -> {
              if (event.kind() != MigrationEvent.Kind.CHANGE_REJECTED) {
                subscriptions.forEach(s -> s.follow(event.to()));
              }
            });
  }

  @Override
  public CompletionStage<Void> publish(String topic, Message message) {
    if (closed) {
      return CompletableFuture.failedFuture(new SwitchbackException("messaging router is closed"));
    }
    try {
      Topics.requireValidTopic(topic);
      Topics.requireValidMessage(message);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    Epoch e = controller.enter();
    CompletionStage<Void> ready = e.ready.isDone() ? e.ready : e.ready.copy();
    return ready.thenCompose(x -> publish(e, topic, message));
  }

  private CompletionStage<Void> publish(Epoch e, String topic, Message message) {
    Stage stage = e.stage;
    Side auth = stage.newIsAuthoritative() ? Side.NEW : Side.OLD;
    boolean mirror = stage == Stage.DUALWRITE || stage == Stage.SHADOW || stage == Stage.LIVE;
    long t0 = System.nanoTime();
    return KeyedRouting.call(m -> m.publish(topic, message), side(auth))
        .whenComplete((v, t) -> controller.recordOutcome(auth, System.nanoTime() - t0, t != null))
        .whenComplete(
            (v, t) -> {
              if (t != null || !mirror) {
                e.exit();
                return;
              }
              long t1 = System.nanoTime();
              KeyedRouting.withTimeout(
                      KeyedRouting.call(m -> m.publish(topic, message), side(auth.other())),
                      mirrorTimeoutMillis)
                  .whenComplete(
                      (mv, mt) -> {
                        controller.recordOutcome(auth.other(), System.nanoTime() - t1, mt != null);
                        if (mt != null) {
                          journal.record(topic + '\u0000' + message.id(), auth, new Pending(topic, message));
                        }
                        e.exit();
                      });
            });
  }

  @Override
  public Subscription subscribe(String topic, String group, MessageHandler handler) {
    if (closed) {
      throw new SwitchbackException("messaging router is closed");
    }
    Topics.requireValidTopic(topic);
    Topics.requireValidGroup(group);
    requireNonNull(handler, "handler");
    RoutedSubscription s = new RoutedSubscription(topic, group, handler);
    subscriptions.add(s);
    s.follow(controller.stage());
    return s;
  }

  @Override
  public Set<MessagingFeature> features() {
    // Order per key cannot hold across two backends consumed together.
    return EnumSet.noneOf(MessagingFeature.class);
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    closed = true;
    reconciler.close();
    try {
      listenerRegistration.close();
    } catch (Exception ignored) {
      // removing a listener cannot fail
    }
    CompletableFuture<?>[] closing =
        subscriptions.stream().map(s -> s.closeAsync().toCompletableFuture()).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(closing);
  }

  private Messaging side(Side side) {
    return side == Side.OLD ? oldMessaging : newMessaging;
  }

  /** One subscriber's consumers on old and new, started and stopped as the stage moves. */
  private final class RoutedSubscription implements Subscription {
    private final String topic;
    private final String group;
    private final MessageHandler handler;
    private final DeliveryDeduplicator dedup;
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private Subscription onOld;
    private Subscription onNew;
    private boolean newHandles;
    private boolean closed;

    RoutedSubscription(String topic, String group, MessageHandler handler) {
      this.dedup = dedups.computeIfAbsent(
          topic + '\u0000' + group, k -> new DeliveryDeduplicator(DEDUP_CAPACITY));
      this.topic = topic;
      this.group = group;
      this.handler = handler;
    }

    void follow(Stage stage) {
      lock.lock();
      try {
        if (closed) {
          return;
        }
        boolean wantOld = stage != Stage.COMPLETE;
        boolean wantNewHandling = newHandles || stage.compareTo(Stage.LIVE) >= 0;
        boolean wantNewCounting = stage == Stage.SHADOW;
        if (wantOld && onOld == null) {
          onOld = oldMessaging.subscribe(topic, group, m -> dedup.deliver(m.id(), () -> handler.handle(m)));
        } else if (!wantOld && onOld != null) {
          onOld.closeAsync();
          onOld = null;
        }
        if (wantNewHandling && !newHandles) {
          if (onNew != null) {
            onNew.closeAsync(); // the counting consumer makes way for the handling one
          }
          newHandles = true;
          onNew = newMessaging.subscribe(topic, group, m -> dedup.deliver(m.id(), () -> handler.handle(m)));
        } else if (wantNewCounting && onNew == null) {
          onNew = newMessaging.subscribe(topic, group, m -> {
            controller.recordOutcome(Side.NEW, 0, false);
            return CompletableFuture.completedFuture(null);
          });
        } else if (!wantNewHandling && !wantNewCounting && onNew != null) {
          onNew.closeAsync();
          onNew = null;
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public String topic() {
      return topic;
    }

    @Override
    public String group() {
      return group;
    }

    @Override
    public CompletionStage<Void> closeAsync() {
      lock.lock();
      try {
        closed = true;
        subscriptions.remove(this);
        CompletableFuture<?> a = onOld == null ? CompletableFuture.completedFuture(null) : onOld.closeAsync().toCompletableFuture();
        CompletableFuture<?> b = onNew == null ? CompletableFuture.completedFuture(null) : onNew.closeAsync().toCompletableFuture();
        return CompletableFuture.allOf(a, b);
      } finally {
        lock.unlock();
      }
    }
  }
}
