package dev.switchback.testkit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.MigrationBackends;
import dev.switchback.Switchback;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.migration.Migration;
import dev.switchback.migration.MigrationStatus;
import dev.switchback.migration.Side;
import dev.switchback.migration.Stage;
import dev.switchback.migration.StageChangeRejectedException;
import dev.switchback.testkit.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The messaging migration's promise under a random history, for any pair of backends. Producers
 * and consumers run while an operator moves the stage forward and back at random (the moves the
 * engine allows, leaving complete with force), handlers fail now and then, and {@link
 * #injectFault(Side)} breaks each backend once mid-run. Then, with producers still running, the
 * operator finishes the migration: forward one stage at a time to rampdown, and on to complete once
 * the verdict says it is safe (old drained). If the old backend cannot report its consumer lag
 * ({@link MessagingFeature#LAG}), the verdict never says so, and the run ends in rampdown, where
 * old is still consumed. Afterwards:
 *
 * <ul>
 *   <li><b>nothing acknowledged is lost</b>: every message whose publish succeeded was handled
 *       by every group;
 *   <li><b>exactly once per group</b>: no message id completed its handler successfully twice in
 *       one group. A handler run that fails does not count, since its message is delivered again
 *       by design. This holds across backend faults (a redelivery of a message already handled is
 *       recognised by its id) as long as the de-duplication window ({@code
 *       switchback.messaging.migration.dedup.window}, 10 minutes by default) covers the run and
 *       its store outlives it, which a single process with either store does.
 * </ul>
 *
 * <p>During the random phase the operator moves from rampdown to complete only when the verdict
 * says it is safe: moving on regardless would leave old's unconsumed messages behind, which is the
 * operator's loss, not the engine's.
 *
 * <p>A pair runs it by extending this class: {@link #migrationConfig()} names the two backends,
 * {@link #injectFault(Side)} breaks and repairs one (a Kafka pair restarts a broker; the default
 * does nothing). The subscribers live in one {@code Switchback}: two groups of two members each.
 */
public abstract class MessagingMigrationHistoryContract {
  private static final int GROUPS = 2;
  private static final int MEMBERS_PER_GROUP = 2;
  private static final int HANDLER_FAILURE_PERCENT = 3;

  /** For subclasses. */
  protected MessagingMigrationHistoryContract() {}

  /**
   * The pair: {@code switchback.messaging.backend}, {@code switchback.messaging.migration.target},
   * both backends' settings and any {@code migration.dedup.*} to run with. The suite starts in
   * {@code off} with a shadow grace of 1 second, a mirror timeout of 2 seconds, a reconcile
   * interval of 100 ms and a guard window of 2 seconds (so the faults' errors age out before the
   * finish); a key given here wins.
   */
  protected abstract Map<String, String> migrationConfig();

  /**
   * Breaks the backend of {@code side} and repairs it before returning, for example by
   * restarting its broker. Called once per side from a background thread while messages flow and
   * stages move; the default does nothing.
   */
  protected void injectFault(Side side) throws Exception {}

  /** How long the random phase lasts: 6 seconds. */
  protected Duration runTime() {
    return Duration.ofSeconds(6);
  }

  /**
   * How long finishing may take (old draining until rampdown is safe to leave) and, then, how
   * long every acknowledged message may take to be handled: 60 seconds each.
   */
  protected Duration drainDeadline() {
    return Duration.ofSeconds(60);
  }

  @Test
  void everyAcknowledgedMessageIsHandledExactlyOncePerGroupAcrossRandomStageMoves()
      throws Exception {
    String topic = "history-" + UUID.randomUUID().toString().replace("-", "");
    boolean canComplete = oldReportsLag();
    try (Switchback switchback = Switchback.fromConfig(config())) {
      Messaging messaging = switchback.messaging();
      Migration migration = switchback.migration(Capability.MESSAGING).orElseThrow();
      List<HandledLog> logs = subscribeGroups(messaging, topic);
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      Set<Stage> visited = EnumSet.of(migration.stage());
      AtomicInteger moves = new AtomicInteger();
      AtomicBoolean producing = new AtomicBoolean(true);
      AtomicBoolean moving = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> workers = new ArrayList<>();
      try {
        for (int p = 0; p < 2; p++) {
          int producer = p;
          workers.add(pool.submit(() -> produce(messaging, topic, producer, producing, acknowledged)));
        }
        workers.add(pool.submit(() -> operate(migration, moving, moves, visited)));
        workers.add(pool.submit(() -> {
          breakBackends();
          return null;
        }));
        Thread.sleep(runTime().toMillis());
        moving.set(false);
        workers.get(2).get(2, TimeUnit.MINUTES);
        workers.get(3).get(2, TimeUnit.MINUTES);
        finish(migration, canComplete ? Stage.COMPLETE : Stage.RAMPDOWN);
      } finally {
        producing.set(false);
        moving.set(false);
        for (Future<?> w : workers) {
          w.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
      }

      assertThat(acknowledged).as("acknowledged publishes").hasSizeGreaterThan(100);
      assertThat(moves.get()).as("random stage moves").isGreaterThan(20);
      assertThat(visited).as("stages visited at random").contains(Stage.LIVE, Stage.RAMPDOWN);
      Eventually.await(drainDeadline(), () -> {
        for (HandledLog log : logs) {
          assertThat(log.missing(acknowledged))
              .as("acknowledged messages not handled by %s", log.group).isEmpty();
        }
      });
      // Copies still on their way (a late mirror, a redelivery after a fault) would show now.
      Thread.sleep(2_000);
      for (HandledLog log : logs) {
        assertThat(log.duplicates())
            .as("ids handled twice by %s after %d random moves", log.group, moves.get())
            .isEmpty();
      }
    }
  }

  private Map<String, String> config() {
    String prefix = Capability.MESSAGING.prefix() + ".migration.";
    Map<String, String> config = new HashMap<>();
    config.put(prefix + "stage", "off");
    config.put(prefix + "shadow-grace", "1s");
    config.put(prefix + "mirror-timeout", "2s");
    config.put(prefix + "reconcile-interval", "100ms");
    config.put(prefix + "guard.window", "2s");
    config.putAll(migrationConfig());
    return config;
  }

  private List<HandledLog> subscribeGroups(Messaging messaging, String topic) {
    List<HandledLog> logs = new ArrayList<>();
    for (int g = 0; g < GROUPS; g++) {
      HandledLog log = new HandledLog("history-group-" + g + "-" + UUID.randomUUID());
      logs.add(log);
      for (int m = 0; m < MEMBERS_PER_GROUP; m++) {
        messaging.subscribe(topic, log.group, log.handler());
      }
    }
    return logs;
  }

  private static Void produce(
      Messaging messaging, String topic, int producer, AtomicBoolean running, Set<String> acked) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (int i = 0; running.get(); i++) {
      String id = "p" + producer + "-" + i;
      String key = rnd.nextBoolean() ? "k" + rnd.nextInt(8) : null;
      Message message = new Message(id, key, id.getBytes(StandardCharsets.UTF_8), Map.of());
      try {
        messaging.publish(topic, message).toCompletableFuture().get(30, TimeUnit.SECONDS);
        acked.add(id);
      } catch (Exception notAcknowledged) {
        // A failed publish promises nothing; it may still be handled, at most once per group.
      }
      pause(rnd.nextInt(0, 3));
    }
    return null;
  }

  /**
   * Random allowed moves: forward one stage (to complete only when the verdict says it is safe),
   * or back to any earlier stage (from complete with force).
   */
  private static Void operate(
      Migration migration, AtomicBoolean running, AtomicInteger moves, Set<Stage> visited) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    while (running.get()) {
      Stage from = migration.stage();
      boolean forward = from != Stage.COMPLETE && rnd.nextInt(100) < 60;
      Stage target = forward ? from.next() : Stage.values()[rnd.nextInt(from.ordinal() + 1)];
      if (target == Stage.COMPLETE && !migration.status().verdict().safeToAdvance()) {
        target = Stage.values()[rnd.nextInt(Stage.RAMPDOWN.ordinal() + 1)];
      }
      try {
        migration.moveTo(target, from == Stage.COMPLETE, "random history");
        moves.incrementAndGet();
        visited.add(target);
      } catch (StageChangeRejectedException raced) {
        // the guard moved it meanwhile
      }
      pause(rnd.nextInt(10, 60));
    }
    return null;
  }

  /** Whether the old backend can tell when it is drained, so the run can end in complete. */
  private boolean oldReportsLag() {
    try (MigrationBackends backends =
        MigrationBackends.fromConfig(Capability.MESSAGING, config())) {
      return backends.backend(Side.OLD, Messaging.class).features().contains(MessagingFeature.LAG);
    }
  }

  /** Forward one stage at a time up to {@code last}; into complete only once it is safe. */
  private void finish(Migration migration, Stage last) {
    long deadline = System.nanoTime() + drainDeadline().toNanos();
    while (migration.stage() != last) {
      Stage from = migration.stage();
      if (from == Stage.COMPLETE) {
        migration.moveTo(last, true, "finishing the history where old cannot report lag");
        continue;
      }
      if (from == Stage.RAMPDOWN) {
        MigrationStatus status = migration.status();
        if (!status.verdict().safeToAdvance()) {
          assertThat(System.nanoTime() - deadline)
              .as("rampdown still not safe to leave: %s", status.verdict().reasons())
              .isNegative();
          pause(20);
          continue;
        }
      }
      try {
        migration.moveTo(from.next(), false, "finishing the history");
      } catch (StageChangeRejectedException raced) {
        // the guard stepped back meanwhile: walk on from there
      }
    }
  }

  private void breakBackends() throws Exception {
    long third = runTime().toMillis() / 3;
    Thread.sleep(third);
    injectFault(Side.NEW);
    Thread.sleep(third / 2);
    injectFault(Side.OLD);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the handlers of one group completed. */
  private static final class HandledLog {
    final String group;
    private final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();

    HandledLog(String group) {
      this.group = group;
    }

    /** Fails a few runs at random; records only the runs that complete successfully. */
    MessageHandler handler() {
      return message -> {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (rnd.nextInt(100) < HANDLER_FAILURE_PERCENT) {
          return CompletableFuture.failedFuture(new IllegalStateException("handler failed"));
        }
        CompletionStage<Void> done = rnd.nextInt(10) == 0
            ? CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(rnd.nextInt(1, 5), TimeUnit.MILLISECONDS))
            : CompletableFuture.completedFuture(null);
        return done.thenRun(() ->
            completions.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet());
      };
    }

    /** Up to 20 of {@code expected} that no handler of this group completed, sorted. */
    List<String> missing(Set<String> expected) {
      return expected.stream().filter(id -> !completions.containsKey(id)).sorted().limit(20).toList();
    }

    List<String> duplicates() {
      List<String> twice = new ArrayList<>();
      completions.forEach((id, n) -> {
        if (n.get() > 1) {
          twice.add(id + " x" + n.get());
        }
      });
      return twice;
    }
  }
}
