package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.SwitchbackException;
import dev.switchback.cache.Cache;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.Subscription;
import dev.switchback.messaging.Topics;
import dev.switchback.migration.MigrationEvent;
import dev.switchback.migration.Side;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.MessagingMigrationSettings.Store;
import dev.switchback.migration.internal.OldDrainCheck.TopicGroup;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * {@link Messaging} over an old and a new backend, routed by the migration's stage.
 *
 * <p><b>Publish</b>: off publishes to old; dualwrite and shadow to old (authoritative) then new;
 * live to new (authoritative) then old; rampdown and complete to new only. A failed publish to the
 * authoritative side fails the call and skips the other; a failed publish to the other side is
 * journaled with the message and published again by the reconciler.
 *
 * <p><b>Subscribe</b> ({@link RoutedSubscription}): old is consumed until complete, new from
 * dualwrite on. Every delivery goes through one {@link DeliveryDeduplicator}, so a group's
 * handler sees each message id once while both backends carry it: in live both sides' copies
 * are handled, the first one wins; before live, a copy from new waits up to the shadow grace for
 * old's copy to be handled and is handled itself only if it was not (a message only new has is
 * never dropped); rampdown keeps consuming old until it is drained. With the {@link Store#MEMORY}
 * store the de-duplication covers the subscribers of this process; with {@link Store#CACHE} it
 * covers every instance sharing the cache.
 *
 * <p><b>Shadow</b>: the copies on new are compared with old's ({@link ShadowTally}): ids handled
 * from old that new did not deliver within the grace (missing) and ids new delivered that old did
 * not (extra) count as mismatches, which the guard watches.
 *
 * <p><b>Rampdown</b>: the verdict is "safe to advance" only once every group this router
 * subscribes has no lag on old ({@link OldDrainCheck}, through the old backend's {@link
 * dev.switchback.messaging.MessagingLag}); without that ability it never is.
 *
 * <p>The router offers no optional feature: order per key cannot hold across two backends.
 */
public final class MessagingRouter implements Messaging {
  /**
   * Header the router sets on every message it publishes: {@code old} or {@code new}, the backend
   * that was authoritative for the publish. A copy delivered by new that says {@code new} may be
   * on new alone (published in rampdown or complete), so it is handled at once in every stage
   * rather than waiting for a copy on old.
   */
  public static final String AUTHORITY_HEADER = "switchback-authority";
  private static final Map<String, String> OLD_AUTHORITY_ONLY = Map.of(AUTHORITY_HEADER, "old");
  private static final Map<String, String> NEW_AUTHORITY_ONLY = Map.of(AUTHORITY_HEADER, "new");
  private static final String HANDLED_PREFIX = "switchback-dedup:";
  private static final String SEEN_ON_NEW_PREFIX = "switchback-seen-on-new:";

  private final StageController controller;
  private final Messaging oldMessaging;
  private final Messaging newMessaging;
  private final DivergenceJournal journal = new DivergenceJournal();
  private final Reconciler reconciler;
  private final ShadowTally tally;
  private final OldDrainCheck drainCheck;
  private final RoutedSubscription.Routes routes;
  private final long mirrorTimeoutMillis;
  private final CopyOnWriteArrayList<RoutedSubscription> subscriptions = new CopyOnWriteArrayList<>();
  private final AutoCloseable listenerRegistration;
  private volatile boolean closed;

  private record Pending(String topic, Message message) {}

  /** A router with the default settings: handled ids remembered in this process. */
  public MessagingRouter(
      StageController controller,
      Messaging oldMessaging,
      Messaging newMessaging,
      ScheduledExecutorService scheduler) {
    this(controller, oldMessaging, newMessaging, scheduler, MessagingMigrationSettings.DEFAULTS, null);
  }

  /**
   * A router with {@code settings}.
   *
   * @param cache where handled ids are kept when {@code settings.store()} is {@link Store#CACHE}
   * @throws IllegalArgumentException if the store is {@link Store#CACHE} and {@code cache} is null
   */
  public MessagingRouter(
      StageController controller,
      Messaging oldMessaging,
      Messaging newMessaging,
      ScheduledExecutorService scheduler,
      MessagingMigrationSettings settings,
      @Nullable Cache cache) {
    this.controller = requireNonNull(controller, "controller");
    this.oldMessaging = requireNonNull(oldMessaging, "oldMessaging");
    this.newMessaging = requireNonNull(newMessaging, "newMessaging");
    requireNonNull(scheduler, "scheduler");
    requireNonNull(settings, "settings");
    if (settings.store() == Store.CACHE && cache == null) {
      throw new IllegalArgumentException("the cache store needs a cache");
    }
    this.mirrorTimeoutMillis = controller.settings().mirrorTimeout().toMillis();
    DeliveryDeduplicator dedup = new DeliveryDeduplicator(
        store(settings, cache, HANDLED_PREFIX), scheduler, settings.claimTimeout());
    this.tally = new ShadowTally(controller, store(settings, cache, SEEN_ON_NEW_PREFIX),
        settings.shadowGrace(), settings.maxEntries(), scheduler);
    this.routes = new RoutedSubscription.Routes(
        controller, oldMessaging, newMessaging, dedup, tally, settings.shadowGrace());
    this.drainCheck = new OldDrainCheck(oldMessaging,
        () -> subscriptions.stream().map(s -> new TopicGroup(s.topic(), s.group())).toList(),
        controller.settings().reconcileInterval(), controller.settings().mirrorTimeout());
    controller.setBacklog(journal::size);
    controller.setAdvanceCheck(stage -> stage == Stage.RAMPDOWN ? drainCheck.reasons() : List.of());
    // Both copies are handled in live, first one wins: only shadow compares them.
    controller.setComparingStages(EnumSet.of(Stage.SHADOW));
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
                drainCheck.invalidate();
                subscriptions.forEach(s -> s.follow(event.to()));
              }
            });
  }

  private static DedupStore store(
      MessagingMigrationSettings settings, @Nullable Cache cache, String prefix) {
    return settings.store() == Store.CACHE
        ? new CacheDedupStore(requireNonNull(cache, "cache"), prefix, settings.window(),
            settings.claimTimeout())
        : new MemoryDedupStore(settings.window(), settings.maxEntries());
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
    // The epoch is ready at once but for a moment after a stage change: no extra stage then.
    return e.ready.isDone()
        ? publish(e, topic, message)
        : e.ready.copy().thenCompose(x -> publish(e, topic, message));
  }

  private CompletionStage<Void> publish(Epoch e, String topic, Message original) {
    Stage stage = e.stage;
    Side auth = stage.newIsAuthoritative() ? Side.NEW : Side.OLD;
    Message message = stamped(original, auth);
    boolean mirror = stage == Stage.DUALWRITE || stage == Stage.SHADOW || stage == Stage.LIVE;
    long t0 = System.nanoTime();
    return KeyedRouting.call(m -> m.publish(topic, message), side(auth))
        .whenComplete(
            (v, t) -> {
              controller.recordOutcome(auth, System.nanoTime() - t0, t != null);
              if (t != null || !mirror) {
                e.exit();
              } else {
                mirror(e, topic, message, auth.other());
              }
            });
  }

  /** Publishes {@code message} to {@code side} off the caller's path, journaling a failure. */
  private void mirror(Epoch e, String topic, Message message, Side side) {
    long t1 = System.nanoTime();
    KeyedRouting.withTimeout(
            KeyedRouting.call(m -> m.publish(topic, message), side(side)), mirrorTimeoutMillis)
        .whenComplete(
            (mv, mt) -> {
              controller.recordOutcome(side, System.nanoTime() - t1, mt != null);
              if (mt != null) {
                journal.record(topic + '\u0000' + message.id(), side.other(),
                    new Pending(topic, message));
              }
              e.exit();
            });
  }

  private static Message stamped(Message message, Side authority) {
    String value = authority == Side.NEW ? "new" : "old";
    Map<String, String> headers = message.headers();
    if (value.equals(headers.get(AUTHORITY_HEADER))) {
      return message;
    }
    if (headers.isEmpty()) {
      // The common case, without a map per message: Message keeps an unmodifiable map as it is.
      return new Message(message.id(), message.key(), message.payload(),
          authority == Side.NEW ? NEW_AUTHORITY_ONLY : OLD_AUTHORITY_ONLY);
    }
    Map<String, String> stamped = new HashMap<>(headers);
    stamped.put(AUTHORITY_HEADER, value);
    return new Message(message.id(), message.key(), message.payload(), stamped);
  }

  /** Whether {@code message} was published through a router while new was authoritative. */
  static boolean publishedWithNewAuthoritative(Message message) {
    return "new".equals(message.headers().get(AUTHORITY_HEADER));
  }

  @Override
  public Subscription subscribe(String topic, String group, MessageHandler handler) {
    if (closed) {
      throw new SwitchbackException("messaging router is closed");
    }
    Topics.requireValidTopic(topic);
    Topics.requireValidGroup(group);
    requireNonNull(handler, "handler");
    RoutedSubscription s = new RoutedSubscription(routes, topic, group, handler, subscriptions::remove);
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
    tally.close();
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
}
