package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.InvalidInputException;
import dev.switchback.migration.Migration;
import dev.switchback.migration.MigrationEvent;
import dev.switchback.migration.MigrationListener;
import dev.switchback.migration.MigrationStatus;
import dev.switchback.migration.MigrationStatus.GuardStatus;
import dev.switchback.migration.MigrationStatus.Verdict;
import dev.switchback.migration.Side;
import dev.switchback.migration.Stage;
import dev.switchback.migration.StageChangeRejectedException;
import dev.switchback.migration.internal.MigrationSettings.GuardSettings;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The state of one capability's migration: stage and canary share (as {@link Epoch}s), the
 * counters of both backends, the comparison counters, the guard and the listeners. Routers ask
 * it which epoch an operation runs in and report outcomes to it; operators move it through
 * {@link Migration}.
 */
public final class StageController implements Migration {
  private static final System.Logger LOG = System.getLogger(StageController.class.getName());
  private static final AttributeKey<String> CAPABILITY = AttributeKey.stringKey("switchback.capability");
  private static final AttributeKey<String> FROM = AttributeKey.stringKey("switchback.stage.from");
  private static final AttributeKey<String> TO = AttributeKey.stringKey("switchback.stage.to");
  private static final AttributeKey<String> KIND = AttributeKey.stringKey("switchback.event");
  private static final AttributeKey<String> SIDE = AttributeKey.stringKey("switchback.side");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("switchback.outcome");

  private final Capability capability;
  private final String oldBackend;
  private final String newBackend;
  private final MigrationSettings settings;
  private final Clock clock;
  private final Executor background;
  private final AtomicReference<Epoch> current;
  private final ReentrantLock moveLock = new ReentrantLock();
  private final BackendMeter oldMeter;
  private final BackendMeter newMeter;
  private final SlidingWindow comparisonWindow;
  private final LongAdder comparisons = new LongAdder();
  private final LongAdder mismatches = new LongAdder();
  private final LongAdder shadowTimeouts = new LongAdder();
  private final LongAdder missing = new LongAdder();
  private final LongAdder extra = new LongAdder();
  private final List<MigrationListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean guardTripping = new AtomicBoolean();
  private final AtomicReference<@Nullable GuardTrip> guardTrip = new AtomicReference<>();
  private final Attributes attributes;
  private final LongCounter eventCounter;
  private final LongCounter operationCounter;
  private final DoubleHistogram latencyHistogram;
  /** Attributes of {@link #operationCounter} by side and outcome, built once. */
  private final Attributes[][] outcomeAttributes = new Attributes[2][2];
  private final Tracer tracer;
  private volatile Function<Stage, List<String>> advanceCheck = s -> List.of();
  private volatile Set<Stage> comparingStages = EnumSet.of(Stage.SHADOW, Stage.LIVE);
  private volatile LongSupplier backlog = () -> 0L;
  private volatile boolean newWritten;

  private record GuardTrip(String reason, Instant at) {}

  /**
   * @param background runs guard rollbacks off the operation's thread
   */
  public StageController(
      Capability capability,
      String oldBackend,
      String newBackend,
      MigrationSettings settings,
      OpenTelemetry openTelemetry,
      Executor background,
      Clock clock) {
    this.capability = requireNonNull(capability, "capability");
    this.oldBackend = requireNonNull(oldBackend, "oldBackend");
    this.newBackend = requireNonNull(newBackend, "newBackend");
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.background = requireNonNull(background, "background");
    LongSupplier nanos = System::nanoTime;
    Duration window = settings.guard().window();
    this.oldMeter = new BackendMeter(new SlidingWindow(window, nanos));
    this.newMeter = new BackendMeter(new SlidingWindow(window, nanos));
    this.comparisonWindow = new SlidingWindow(window, nanos);
    this.current =
        new AtomicReference<>(
            new Epoch(
                0,
                settings.initialStage(),
                settings.canaryPercent(),
                CompletableFuture.completedFuture(null)));
    this.newWritten = settings.initialStage().writesNew();
    this.attributes = Attributes.of(CAPABILITY, capability.key());
    var meter = openTelemetry.getMeter("dev.switchback.migration");
    this.eventCounter =
        meter
            .counterBuilder("switchback.migration.events")
            .setDescription("Stage changes, guard trips and rejected changes")
            .build();
    this.operationCounter =
        meter
            .counterBuilder("switchback.migration.operations")
            .setDescription("Operations on each backend of a migration, by outcome")
            .build();
    this.latencyHistogram =
        meter
            .histogramBuilder("switchback.migration.duration")
            .setUnit("s")
            .setDescription("Duration of operations on each backend of a migration")
            .build();
    for (Side side : Side.values()) {
      for (int failed = 0; failed < 2; failed++) {
        outcomeAttributes[side.ordinal()][failed] =
            attributes.toBuilder()
                .put(SIDE, side.toString())
                .put(OUTCOME, failed == 1 ? "error" : "ok")
                .build();
      }
    }
    meter
        .gaugeBuilder("switchback.migration.stage")
        .ofLongs()
        .setDescription("Current stage: 0 off, 1 dualwrite, 2 shadow, 3 live, 4 rampdown, 5 complete")
        .buildWithCallback(m -> m.record(current.get().stage.ordinal(), attributes));
    meter
        .gaugeBuilder("switchback.migration.divergence.backlog")
        .ofLongs()
        .setDescription("Keys or messages waiting for the reconciler")
        .buildWithCallback(m -> m.record(backlog.getAsLong(), attributes));
    this.tracer = openTelemetry.getTracer("dev.switchback.migration");
  }

  // ---- used by routers --------------------------------------------------------------------

  /** The epoch operations start in now. */
  Epoch current() {
    return current.get();
  }

  /** Registers a write with the current epoch; the caller must {@link Epoch#exit()} it. */
  Epoch enter() {
    while (true) {
      Epoch e = current.get();
      if (e.tryEnter()) {
        return e;
      }
    }
  }

  /**
   * Whether the new store has been written since start. Once it has, writes made while the
   * migration is back in {@code off} leave it behind, so they must be journaled and repaired.
   */
  boolean newWritten() {
    return newWritten;
  }

  MigrationSettings settings() {
    return settings;
  }

  /** Records one operation's outcome on {@code side}; failures of the new side feed the guard. */
  void recordOutcome(Side side, long nanos, boolean failed) {
    recordOutcome(side, nanos, System.nanoTime(), failed);
  }

  /** As {@link #recordOutcome(Side, long, boolean)}, with the end time the caller already read. */
  void recordOutcome(Side side, long nanos, long endNanos, boolean failed) {
    (side == Side.OLD ? oldMeter : newMeter).record(nanos, endNanos, failed);
    Attributes attrs = outcomeAttributes[side.ordinal()][failed ? 1 : 0];
    operationCounter.add(1, attrs);
    latencyHistogram.record(nanos / 1e9, attrs);
    if (failed && side == Side.NEW) {
      checkGuard();
    }
  }

  /** Records one off-path comparison. */
  void recordComparison(boolean mismatch) {
    comparisons.increment();
    comparisonWindow.record(mismatch);
    if (mismatch) {
      mismatches.increment();
      checkGuard();
    }
  }

  /**
   * Records a message handled from old that new did not deliver within the shadow grace period:
   * a comparison that mismatched.
   */
  void recordMissing() {
    missing.increment();
    recordComparison(true);
  }

  /**
   * Records a message new delivered that was not handled from old within the shadow grace
   * period: a comparison that mismatched.
   */
  void recordExtra() {
    extra.increment();
    recordComparison(true);
  }

  /** Records an off-path read that did not answer in time (also a failure of that side). */
  void recordShadowTimeout(Side side, long nanos) {
    shadowTimeouts.increment();
    recordOutcome(side, nanos, true);
  }

  /** Capability-specific reasons against advancing from a stage (for example: old not drained). */
  void setAdvanceCheck(Function<Stage, List<String>> check) {
    this.advanceCheck = requireNonNull(check, "check");
  }

  /**
   * The stages in which the router compares the two backends, so the verdict there waits for
   * enough comparisons; shadow and live unless set (messaging compares in shadow only).
   */
  void setComparingStages(Set<Stage> stages) {
    this.comparingStages = Set.copyOf(stages);
  }

  /** Where the divergence backlog is read from. */
  void setBacklog(LongSupplier backlog) {
    this.backlog = requireNonNull(backlog, "backlog");
  }

  // ---- Migration --------------------------------------------------------------------------

  @Override
  public Capability capability() {
    return capability;
  }

  @Override
  public Stage stage() {
    return current.get().stage;
  }

  @Override
  public int canaryPercent() {
    return current.get().canaryPercent;
  }

  @Override
  public void moveTo(Stage target, boolean force, String reason) {
    Stage from = move(target, reason, true, force);
    if (from == Stage.COMPLETE && target != from) {
      LOG.log(
          Level.WARNING,
          "{0} migration forced back from complete to {1}: the old store missed every write since"
              + " complete; backfill it from the new store before trusting it",
          capability.key(),
          target);
    }
  }

  /**
   * Places the migration at {@code target} as its starting stage, without the one-stage-forward
   * rule: what the control source says when this instance starts is where the rest of the fleet
   * already is (a replica added in {@code shadow} starts in {@code shadow}, not {@code off}).
   * Called before the instance serves anything.
   */
  public void startAt(Stage target, String reason) {
    move(target, reason, false, false);
  }

  /**
   * Moves to {@code target}, checking the stage rules when {@code checked}; a move (or staying)
   * clears a guard trip. Returns the stage moved from.
   */
  private Stage move(Stage target, String reason, boolean checked, boolean force) {
    requireNonNull(target, "target");
    requireNonNull(reason, "reason");
    Stage from;
    moveLock.lock();
    try {
      Epoch e = current.get();
      from = e.stage;
      if (target == from) {
        guardTrip.set(null);
        return from;
      }
      String refusal = checked ? refusal(from, target, force) : null;
      if (refusal != null) {
        emit(MigrationEvent.Kind.CHANGE_REJECTED, from, target, refusal);
        throw new StageChangeRejectedException(refusal);
      }
      advance(e, target, e.canaryPercent);
      guardTrip.set(null);
    } finally {
      moveLock.unlock();
    }
    emit(MigrationEvent.Kind.STAGE_CHANGED, from, target, reason);
    return from;
  }

  @Override
  public void setCanaryPercent(int percent) {
    if (percent < 0 || percent > 100) {
      throw new InvalidInputException("canary percent must be 0..100, got " + percent);
    }
    Stage stage;
    int before;
    moveLock.lock();
    try {
      Epoch e = current.get();
      if (e.canaryPercent == percent) {
        return;
      }
      before = e.canaryPercent;
      stage = e.stage;
      advance(e, stage, percent);
    } finally {
      moveLock.unlock();
    }
    emit(
        MigrationEvent.Kind.STAGE_CHANGED,
        stage,
        stage,
        "canary share " + before + "% -> " + percent + "%");
  }

  @Override
  public MigrationStatus status() {
    Epoch e = current.get();
    GuardSettings g = settings.guard();
    GuardTrip trip = guardTrip.get();
    double errorRate = newMeter.window().rate();
    double mismatchRate = comparisonWindow.rate();
    long backlogNow = backlog.getAsLong();
    return new MigrationStatus(
        capability,
        oldBackend,
        newBackend,
        e.stage,
        e.canaryPercent,
        oldMeter.stats(),
        newMeter.stats(),
        comparisons.sum(),
        mismatches.sum(),
        missing.sum(),
        extra.sum(),
        shadowTimeouts.sum(),
        backlogNow,
        new GuardStatus(
            g.enabled(),
            trip != null,
            trip == null ? null : trip.reason(),
            trip == null ? null : trip.at(),
            errorRate,
            mismatchRate),
        verdict(e, trip, errorRate, mismatchRate, backlogNow));
  }

  @Override
  public AutoCloseable addListener(MigrationListener listener) {
    requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  // ---- internals --------------------------------------------------------------------------

  private static @Nullable String refusal(Stage from, Stage target, boolean force) {
    if (target.compareTo(from) > 0 && target != from.next()) {
      return "cannot move from "
          + from
          + " to "
          + target
          + ": move forward one stage at a time (next is "
          + from.next()
          + ")";
    }
    if (from == Stage.COMPLETE && target.compareTo(from) < 0 && !force) {
      return "cannot leave complete for "
          + target
          + " without force: the old store has missed every write since complete and needs a"
          + " reverse backfill first";
    }
    return null;
  }

  /** Installs the next epoch; its operations wait until this one's writes have drained. */
  private void advance(Epoch e, Stage stage, int canary) {
    Duration drainBound = settings.mirrorTimeout().multipliedBy(2).plusSeconds(1);
    // Wait for every earlier epoch, not just this one: an epoch no operation entered drains at
    // once, while writes of the one before it may still be in flight.
    CompletableFuture<Void> ready =
        CompletableFuture.allOf(e.ready, e.drained)
            .completeOnTimeout(null, drainBound.toMillis(), TimeUnit.MILLISECONDS);
    // Writes are bounded by the mirror timeout, so this should never fire; if a backend ignores
    // its own timeouts, waiting forever would be worse than the ordering risk, so say so.
    ready.thenRun(() -> {
      if (!e.drained.isDone() || !e.ready.isDone()) {
        LOG.log(Level.WARNING,
            "{0} migration: writes of the previous stage did not finish within {1}; the new stage"
                + " starts anyway, and keys those writes touch may need a verify run",
            capability.key(), drainBound);
      }
    });
    if (stage.writesNew()) {
      newWritten = true;
    }
    current.set(new Epoch(e.number + 1, stage, canary, ready));
    e.close();
  }

  private void checkGuard() {
    GuardSettings g = settings.guard();
    if (!g.enabled() || guardTrip.get() != null) {
      return;
    }
    Stage stage = current.get().stage;
    if (stage.compareTo(g.rollbackTo()) <= 0 || stage.compareTo(Stage.RAMPDOWN) > 0) {
      return; // nothing earlier to step back to, or the old store is no longer written
    }
    String reason = null;
    SlidingWindow errors = newMeter.window();
    if (errors.total() >= g.minOperations() && errors.rate() > g.maxErrorRate()) {
      reason =
          String.format(
              "error rate of %s (new) %.3f exceeds %.3f over %s",
              newBackend, errors.rate(), g.maxErrorRate(), g.window());
    } else if (comparisonWindow.total() >= g.minOperations()
        && comparisonWindow.rate() > g.maxMismatchRate()) {
      reason =
          String.format(
              "mismatch rate %.3f exceeds %.3f over %s",
              comparisonWindow.rate(), g.maxMismatchRate(), g.window());
    }
    if (reason != null && guardTripping.compareAndSet(false, true)) {
      String why = reason;
      background.execute(() -> trip(why));
    }
  }

  private void trip(String reason) {
    Stage from;
    Stage to = settings.guard().rollbackTo();
    try {
      moveLock.lock();
      try {
        Epoch e = current.get();
        from = e.stage;
        if (from.compareTo(to) <= 0 || from.compareTo(Stage.RAMPDOWN) > 0) {
          return;
        }
        // The trip is visible before the stage it causes, so a status showing the stepped-back
        // stage always says why.
        guardTrip.set(new GuardTrip(reason, clock.instant()));
        advance(e, to, e.canaryPercent);
        newMeter.window().reset();
        comparisonWindow.reset();
      } finally {
        moveLock.unlock();
      }
      LOG.log(
          Level.WARNING,
          "{0} migration guard stepped back from {1} to {2}: {3}; it stays there until an"
              + " operator moves it",
          capability.key(),
          from,
          to,
          reason);
      emit(MigrationEvent.Kind.GUARD_TRIPPED, from, to, reason);
    } finally {
      guardTripping.set(false);
    }
  }

  private Verdict verdict(
      Epoch e, @Nullable GuardTrip trip, double errorRate, double mismatchRate, long backlogNow) {
    List<String> reasons = new ArrayList<>();
    GuardSettings g = settings.guard();
    if (e.stage == Stage.COMPLETE) {
      reasons.add("the migration is complete");
      return new Verdict(false, reasons);
    }
    if (trip != null) {
      reasons.add("the guard tripped (" + trip.reason() + "); move the stage explicitly to clear");
    }
    if (backlogNow > 0) {
      reasons.add(backlogNow + " divergent entries wait for the reconciler");
    }
    if (errorRate > g.maxErrorRate()) {
      reasons.add(String.format("new backend error rate %.3f exceeds %.3f", errorRate, g.maxErrorRate()));
    }
    if (comparingStages.contains(e.stage)) {
      long compared = comparisonWindow.total();
      if (compared < g.minOperations()) {
        reasons.add(
            "only " + compared + " comparisons in the window; need " + g.minOperations());
      } else if (mismatchRate > g.maxMismatchRate()) {
        reasons.add(
            String.format("mismatch rate %.3f exceeds %.3f", mismatchRate, g.maxMismatchRate()));
      }
    }
    if (e.stage == Stage.LIVE && e.canaryPercent < 100) {
      reasons.add("canary share is " + e.canaryPercent + "%; raise it to 100% before rampdown");
    }
    reasons.addAll(advanceCheck.apply(e.stage));
    return new Verdict(reasons.isEmpty(), reasons);
  }

  private void emit(MigrationEvent.Kind kind, Stage from, Stage to, String reason) {
    MigrationEvent event = new MigrationEvent(capability, kind, from, to, reason, clock.instant());
    Attributes attrs =
        attributes.toBuilder()
            .put(FROM, from.configName())
            .put(TO, to.configName())
            .put(KIND, kind.name().toLowerCase(java.util.Locale.ROOT))
            .build();
    eventCounter.add(1, attrs);
    Span span = tracer.spanBuilder("switchback.migration " + kind.name().toLowerCase(java.util.Locale.ROOT)).setAllAttributes(attrs).startSpan();
    span.end();
    if (kind == MigrationEvent.Kind.STAGE_CHANGED) {
      LOG.log(Level.INFO, "{0} migration {1} -> {2}: {3}", capability.key(), from, to, reason);
    } else if (kind == MigrationEvent.Kind.CHANGE_REJECTED) {
      LOG.log(Level.WARNING, "{0} migration kept {1}: {2}", capability.key(), from, reason);
    }
    for (MigrationListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException ex) {
        LOG.log(Level.WARNING, "migration listener failed; skipped", ex);
      }
    }
  }
}
