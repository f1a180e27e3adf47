package dev.switchback.quarkus.runtime;

import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.migration.Migration;
import dev.switchback.migration.MigrationStatus;
import dev.switchback.migration.MigrationStatus.BackendStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Each migration's status as Micrometer meters, for an application that has Micrometer (Quarkus
 * binds every {@link MeterBinder} bean to its registry): stage, canary share, operations, errors
 * and latency of old and new, mismatches, divergence backlog, guard and verdict, tagged with the
 * capability (and {@code side=old|new}). Read from {@link Migration#status()} when the registry
 * is scraped. Registered only when the application has Micrometer.
 */
@Singleton
public class SwitchbackMeterBinder implements MeterBinder {
  private static final String PREFIX = "switchback.migration.";

  private final Switchback switchback;

  SwitchbackMeterBinder(Switchback switchback) {
    this.switchback = switchback;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Capability capability : Capability.values()) {
      switchback.migration(capability).ifPresent(m -> bind(registry, capability, m));
    }
  }

  private static void bind(MeterRegistry registry, Capability capability, Migration migration) {
    Tags tags = Tags.of("capability", capability.key());
    gauge(registry, "stage", "the stage's position: 0 off, 1 dualwrite, 2 shadow, 3 live,"
        + " 4 rampdown, 5 complete", tags, migration, s -> s.stage().ordinal());
    gauge(registry, "canary.percent", "share of keys on the live read path", tags, migration,
        MigrationStatus::canaryPercent);
    gauge(registry, "divergence.backlog", "writes that reached one side only, waiting to be"
        + " reconciled", tags, migration, MigrationStatus::divergenceBacklog);
    gauge(registry, "guard.tripped", "1 when the guard stepped the migration back", tags,
        migration, s -> s.guard().tripped() ? 1 : 0);
    gauge(registry, "safe.to.advance", "1 when nothing speaks against the next stage", tags,
        migration, s -> s.verdict().safeToAdvance() ? 1 : 0);
    counter(registry, "mismatches", "shadow comparisons that differed", tags, migration,
        MigrationStatus::mismatches);
    counter(registry, "comparisons", "shadow comparisons made", tags, migration,
        MigrationStatus::comparisons);
    bindSide(registry, tags.and("side", "old"), migration, MigrationStatus::oldStats);
    bindSide(registry, tags.and("side", "new"), migration, MigrationStatus::newStats);
  }

  private static void bindSide(MeterRegistry registry, Tags tags, Migration migration,
      Function<MigrationStatus, BackendStats> side) {
    counter(registry, "operations", "operations sent to the backend", tags, migration,
        s -> side.apply(s).operations());
    counter(registry, "errors", "operations that failed, timeouts included", tags, migration,
        s -> side.apply(s).errors());
    TimeGauge.builder(PREFIX + "latency.p50", migration, TimeUnit.NANOSECONDS,
            m -> side.apply(m.status()).p50().toNanos())
        .description("median latency of recent operations").tags(tags).register(registry);
    TimeGauge.builder(PREFIX + "latency.p99", migration, TimeUnit.NANOSECONDS,
            m -> side.apply(m.status()).p99().toNanos())
        .description("99th percentile latency of recent operations").tags(tags)
        .register(registry);
  }

  private static void gauge(MeterRegistry registry, String name, String description, Tags tags,
      Migration migration, ToDoubleFunction<MigrationStatus> value) {
    Gauge.builder(PREFIX + name, migration, m -> value.applyAsDouble(m.status()))
        .description(description).tags(tags).register(registry);
  }

  private static void counter(MeterRegistry registry, String name, String description, Tags tags,
      Migration migration, ToDoubleFunction<MigrationStatus> value) {
    FunctionCounter.builder(PREFIX + name, migration, m -> value.applyAsDouble(m.status()))
        .description(description).tags(tags).register(registry);
  }
}
