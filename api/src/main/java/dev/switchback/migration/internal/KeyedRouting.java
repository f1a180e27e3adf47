package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.OperationTimeoutException;
import dev.switchback.SwitchbackException;
import dev.switchback.migration.Side;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.DivergenceJournal.Divergence;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The migration protocol for capabilities that store state under keys (Cache, Sessions), the
 * same for every pair of backends. A router describes each operation as a function of a store,
 * plus how to mirror its result into the other store, and this class decides where it runs.
 *
 * <p>Writes: the authoritative store first — its failure fails the call and the other store is
 * not written; then the caller is answered and the result mirrored into the other store off the
 * caller's path. A mirror that fails or times out, writes of one key that overlapped (the
 * stores may have applied them in different orders), and authoritative writes that timed out
 * (they may have applied) journal the key; the reconciler copies the truth across.
 *
 * <p>Reads: from the authoritative store, unless the key is in the journal, then from the side
 * holding its truth. In shadow and live the other store is read off the caller's path within
 * the shadow timeout and compared; comparisons made while a write of the key was in flight are
 * discarded so they add no noise. A miss on the new store while the old one has the key is not a
 * mismatch: the key is copied across (synchronously in live and rampdown where the new store
 * answers; off the caller's path in shadow).
 *
 * @param <S> the store type
 */
final class KeyedRouting<S> implements AutoCloseable {
  private static final int STRIPES = 256;

  /** Mirrors an operation's result into the other store; null when there is nothing to write. */
  @FunctionalInterface
  interface Mirror<S, T> {
    @Nullable CompletionStage<?> apply(S target, T result);
  }

  /** Copies the state of one key between stores. */
  interface Copier<S> {
    /**
     * Makes {@code to} hold what {@code from} holds for {@code key}. If {@code from} has
     * nothing: deletes it from {@code to} when {@code deleteIfAbsent}, else leaves {@code to}.
     */
    CompletionStage<Void> copy(String key, S from, S to, boolean deleteIfAbsent);
  }

  private final StageController controller;
  private final S oldStore;
  private final S newStore;
  private final Copier<S> copier;
  private final KeyGate gate = new KeyGate();
  private final DivergenceJournal journal = new DivergenceJournal();
  private final AtomicLongArray writeSeq = new AtomicLongArray(STRIPES);
  private final Reconciler reconciler;
  private final long mirrorTimeoutMillis;
  private final long shadowTimeoutMillis;
  private volatile boolean closed;

  KeyedRouting(
      StageController controller,
      S oldStore,
      S newStore,
      Copier<S> copier,
      ScheduledExecutorService scheduler) {
    this.controller = requireNonNull(controller, "controller");
    this.oldStore = requireNonNull(oldStore, "oldStore");
    this.newStore = requireNonNull(newStore, "newStore");
    this.copier = requireNonNull(copier, "copier");
    this.mirrorTimeoutMillis = controller.settings().mirrorTimeout().toMillis();
    this.shadowTimeoutMillis = controller.settings().shadowTimeout().toMillis();
    controller.setBacklog(journal::size);
    this.reconciler =
        new Reconciler(
            controller.capability().key() + " reconciler",
            journal,
            this::repair,
            controller.settings().reconcileInterval(),
            scheduler);
  }

  S store(Side side) {
    return side == Side.OLD ? oldStore : newStore;
  }

  /** Whether, now, the new store answers for {@code key} and copies it from the old on a miss. */
  boolean copiesOnReadFor(String key) {
    Epoch e = controller.current();
    return e.copiesOnRead() && e.authorityFor(key) == Side.NEW;
  }

  // ---- writes -----------------------------------------------------------------------------

  <T> CompletionStage<T> write(String key, Function<S, CompletionStage<T>> op, Mirror<S, T> mirror) {
    if (closed) {
      return closedFailure();
    }
    Epoch e = controller.enter();
    if (e.ready.isDone()) {
      return write(e, key, op, mirror);
    }
    return e.ready.thenCompose(x -> write(e, key, op, mirror));
  }

  private <T> CompletionStage<T> write(
      Epoch e, String key, Function<S, CompletionStage<T>> op, Mirror<S, T> mirror) {
    Side auth = e.authorityFor(key);
    boolean both = e.stage.writesBoth();
    // Back in off after the new store was written: it misses these writes, so journal them.
    boolean leavesNewBehind = e.stage == Stage.OFF && controller.newWritten();
    if (!both && !leavesNewBehind && journal.isEmpty()) {
      // One store and nothing divergent: nothing to order, nothing to journal.
      CompletionStage<T> r = e.stage == Stage.OFF ? call(op, store(auth)) : timed(auth, op, store(auth));
      if (r instanceof CompletableFuture<T> done && done.isDone()) {
        e.exit();
        return r;
      }
      return r.whenComplete((v, t) -> e.exit());
    }
    int stripe = stripe(key);
    return gate.acquireShared(key)
        .thenCompose(
            granted -> {
              writeSeq.incrementAndGet(stripe);
              return timed(auth, op, store(auth))
                  .handle(
                      (v, t) -> {
                        if (t != null) {
                          if (cause(t) instanceof OperationTimeoutException) {
                            journal.record(key, auth, null); // it may have applied
                          }
                          release(e, key, stripe, auth, both, false, false);
                          throw propagate(t);
                        }
                        if (leavesNewBehind) {
                          journal.record(key, auth, null);
                        } else {
                          journal.retarget(key, auth);
                        }
                        CompletionStage<?> m = both ? mirrorOf(mirror, auth.other(), v) : null;
                        if (m == null) {
                          // Nothing to mirror: either one store only, or the write changed nothing.
                          release(e, key, stripe, auth, both, false, !both);
                          return v;
                        }
                        long t0 = System.nanoTime();
                        withTimeout(m, mirrorTimeoutMillis)
                            .whenComplete(
                                (mv, mt) -> {
                                  controller.recordOutcome(
                                      auth.other(), System.nanoTime() - t0, mt != null);
                                  if (mt != null) {
                                    journal.record(key, auth, null);
                                  }
                                  release(e, key, stripe, auth, true, mt == null, true);
                                });
                        return v;
                      });
            });
  }

  /**
   * Leaves the gate and the epoch. {@code synced}: both stores now hold this write's result;
   * {@code effective}: the write changed a store. The last of overlapping effective writes
   * journals the key, since the stores may have applied them in different orders.
   */
  private void release(
      Epoch e, String key, int stripe, Side auth, boolean both, boolean synced, boolean effective) {
    if (synced) {
      journal.resolve(key);
    }
    writeSeq.incrementAndGet(stripe);
    gate.releaseShared(key, effective, both ? () -> journal.record(key, auth, null) : () -> {});
    e.exit();
  }

  private <T> @Nullable CompletionStage<?> mirrorOf(Mirror<S, T> mirror, Side target, T result) {
    try {
      return mirror.apply(store(target), result);
    } catch (RuntimeException ex) {
      return CompletableFuture.failedFuture(ex);
    }
  }

  // ---- reads ------------------------------------------------------------------------------

  /**
   * Reads {@code key} with {@code op}.
   *
   * @param same whether two results agree (for the shadow comparison)
   * @param isMiss whether a result means the store has no value for the key
   */
  <T> CompletionStage<T> read(
      String key, Function<S, CompletionStage<T>> op, BiPredicate<T, T> same, Predicate<T> isMiss) {
    if (closed) {
      return closedFailure();
    }
    Epoch e = controller.current();
    if (e.ready.isDone()) {
      return read(e, key, op, same, isMiss);
    }
    return e.ready.thenCompose(x -> read(e, key, op, same, isMiss));
  }

  private <T> CompletionStage<T> read(
      Epoch e,
      String key,
      Function<S, CompletionStage<T>> op,
      BiPredicate<T, T> same,
      Predicate<T> isMiss) {
    if (e.stage == Stage.OFF && journal.isEmpty()) {
      return call(op, oldStore);
    }
    Side answer = e.authorityFor(key);
    boolean compare = e.compares();
    if (!journal.isEmpty()) {
      Side truth = journal.truthFor(key).orElse(null);
      if (truth != null) {
        answer = truth;
        compare = false;
      }
    }
    // Taken before either read starts: a write that lands between the two reads must void the
    // comparison, however fast the first read completes.
    int stripe = stripe(key);
    long seq = writeSeq.get(stripe);
    boolean busyBefore = gate.busy(key);
    CompletionStage<T> primary = timed(answer, op, store(answer));
    if (answer == Side.NEW && e.copiesOnRead()) {
      primary = primary.thenCompose(v -> isMiss.test(v) ? copyOnRead(e, key, op, v) : done(v));
    }
    if (compare && !busyBefore) {
      compareOffPath(e, key, stripe, seq, answer, primary, op, same, isMiss);
    }
    return primary;
  }

  private <T> void compareOffPath(
      Epoch e,
      String key,
      int stripe,
      long seq,
      Side answer,
      CompletionStage<T> primary,
      Function<S, CompletionStage<T>> op,
      BiPredicate<T, T> same,
      Predicate<T> isMiss) {
    Side other = answer.other();
    long t0 = System.nanoTime();
    CompletableFuture<T> shadow = withTimeout(call(op, store(other)), shadowTimeoutMillis);
    shadow.whenComplete(
        (sv, st) -> {
          long nanos = System.nanoTime() - t0;
          if (st != null) {
            if (cause(st) instanceof TimeoutException) {
              controller.recordShadowTimeout(other, nanos);
            } else {
              controller.recordOutcome(other, nanos, true);
            }
            return;
          }
          controller.recordOutcome(other, nanos, false);
          primary.whenComplete(
              (pv, pt) -> {
                if (pt != null
                    || gate.busy(key)
                    || writeSeq.get(stripe) != seq
                    || journal.contains(key)) {
                  return; // a write raced the comparison: its result says nothing
                }
                Side missing = isMiss.test(sv) && !isMiss.test(pv) ? other
                    : isMiss.test(pv) && !isMiss.test(sv) ? answer : null;
                if (missing == Side.NEW) {
                  warmOffPath(e, key); // new is cold for this key, not wrong
                  return;
                }
                controller.recordComparison(!same.test(pv, sv));
              });
        });
  }

  /** Live and rampdown: new missed; copy the key from old, then read new. */
  private <T> CompletionStage<T> copyOnRead(
      Epoch e, String key, Function<S, CompletionStage<T>> op, T miss) {
    if (!e.tryEnter()) {
      return call(op, oldStore); // the stage is changing: answer from old without copying
    }
    return copyFromOld(key)
        .handle((v, t) -> t)
        .thenCompose(copyFailure -> {
          e.exit();
          // If the copy failed, old still holds the value and is written in these stages.
          return copyFailure == null ? call(op, newStore) : call(op, oldStore);
        });
  }

  /** Shadow: new lacks a key old has; copy it across off the caller's path. */
  private void warmOffPath(Epoch e, String key) {
    if (e.tryEnter()) {
      copyFromOld(key).whenComplete((v, t) -> e.exit());
    }
  }

  /**
   * Copies {@code key} from old into new under an exclusive hold, so no write interleaves;
   * skipped when the key is journaled (the journal's repair knows which side holds the truth).
   */
  private CompletionStage<Void> copyFromOld(String key) {
    return exclusive(
        key,
        () -> journal.contains(key)
            ? CompletableFuture.<Void>completedFuture(null)
            : timed(
                Side.NEW,
                to -> withTimeout(copier.copy(key, oldStore, to, false), mirrorTimeoutMillis),
                newStore));
  }

  // ---- repair -----------------------------------------------------------------------------

  private CompletionStage<Void> repair(Divergence d) {
    return exclusive(
        d.key(),
        () -> {
          Side truth = journal.truthFor(d.key()).orElse(null);
          if (truth == null) {
            return CompletableFuture.completedFuture(null); // resolved meanwhile
          }
          long t0 = System.nanoTime();
          return withTimeout(
                  copier.copy(d.key(), store(truth), store(truth.other()), true),
                  mirrorTimeoutMillis)
              .whenComplete(
                  (v, t) ->
                      controller.recordOutcome(truth.other(), System.nanoTime() - t0, t != null));
        });
  }

  private CompletionStage<Void> exclusive(String key, Supplier<CompletionStage<Void>> work) {
    return gate.acquireExclusive(key)
        .thenCompose(
            g -> {
              CompletionStage<Void> w;
              try {
                w = work.get();
              } catch (RuntimeException ex) {
                w = CompletableFuture.failedFuture(ex);
              }
              return w.whenComplete((v, t) -> gate.releaseExclusive(key));
            });
  }

  /** Refuses further operations and stops the reconciler; the two stores stay open. */
  @Override
  public void close() {
    closed = true;
    reconciler.close();
  }

  private <T> CompletionStage<T> closedFailure() {
    return CompletableFuture.failedFuture(
        new SwitchbackException(controller.capability().key() + " router is closed"));
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** Runs {@code op} on {@code store} and records its duration and outcome for {@code side}. */
  private <T> CompletionStage<T> timed(Side side, Function<S, CompletionStage<T>> op, S store) {
    long t0 = System.nanoTime();
    CompletionStage<T> stage = call(op, store);
    if (stage instanceof CompletableFuture<T> done && done.isDone()) {
      // Answered already (an in-process store): record without chaining another stage.
      long t1 = System.nanoTime();
      controller.recordOutcome(side, t1 - t0, t1, done.isCompletedExceptionally());
      return stage;
    }
    return stage.whenComplete((v, t) -> {
      long t1 = System.nanoTime();
      controller.recordOutcome(side, t1 - t0, t1, t != null);
    });
  }

  static <T> CompletionStage<T> checked(Runnable check, Supplier<CompletionStage<T>> op) {
    try {
      check.run();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return op.get();
  }

  static <S, T> CompletionStage<T> call(Function<S, CompletionStage<T>> op, S store) {
    try {
      return op.apply(store);
    } catch (RuntimeException ex) {
      return CompletableFuture.failedFuture(ex);
    }
  }

  static <T> CompletableFuture<T> withTimeout(CompletionStage<T> stage, long millis) {
    return stage.toCompletableFuture().copy().orTimeout(millis, TimeUnit.MILLISECONDS);
  }

  private static <T> CompletionStage<T> done(T v) {
    return CompletableFuture.completedFuture(v);
  }

  private static int stripe(String key) {
    return key.hashCode() & (STRIPES - 1);
  }

  static Throwable cause(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  static RuntimeException propagate(Throwable t) {
    return t instanceof CompletionException ce ? ce : new CompletionException(cause(t));
  }
}
