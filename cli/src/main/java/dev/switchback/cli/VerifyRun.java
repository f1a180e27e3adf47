package dev.switchback.cli;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.SwitchbackException;
import dev.switchback.cache.Cache;
import dev.switchback.cli.resp.ExtraKeys;
import dev.switchback.cli.resp.RespKeySource;
import dev.switchback.cli.resp.RespStore;
import dev.switchback.cli.verify.KeyedComparison;
import dev.switchback.cli.verify.ReservoirSample;
import dev.switchback.cli.walk.KeyWalk;
import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Progress;
import dev.switchback.cli.walk.RateLimiter;
import dev.switchback.cli.walk.Tally;
import dev.switchback.cli.walk.WalkState;
import dev.switchback.migration.Side;
import dev.switchback.sessions.spi.SessionStore;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code verify}: compares every key of the source, or a random sample, with the target
 * through the capability's interface; with every key and a Redis-protocol target, also looks for
 * keys only the target has. Exits {@link ExitCodes#DIFFERENCES} when anything differs.
 */
final class VerifyRun {
  private final Capability capability;
  private final ConfigOptions config;
  private final WalkOptions walk;
  private final VerifyOptions verify;
  private final PrintWriter out;
  private final PrintWriter err;

  VerifyRun(Capability capability, ConfigOptions config, WalkOptions walk, VerifyOptions verify,
      PrintWriter out, PrintWriter err) {
    this.capability = requireNonNull(capability, "capability");
    this.config = requireNonNull(config, "config");
    this.walk = requireNonNull(walk, "walk");
    this.verify = requireNonNull(verify, "verify");
    this.out = requireNonNull(out, "out");
    this.err = requireNonNull(err, "err");
  }

  int run() throws InterruptedException {
    walk.check();
    verify.check();
    try (Sides sides = Sides.open(capability, config.properties())) {
      RespStore source = sides.scannableSource("verify", walk.timeout);
      String pattern = walk.pattern(source.keyPrefix());
      KeyWalk.Batches comparison = comparison(sides, source);
      RespKeySource keys = new RespKeySource(source, pattern);
      WalkState start = WalkState.start("verify " + capability.key(), sides.name(Side.OLD),
          sides.name(Side.NEW), pattern);
      long started = System.nanoTime();
      Tally tally;
      long compared;
      boolean extraChecked = false;
      try {
        if (verify.sample != null) {
          ReservoirSample sample = new ReservoirSample(verify.sample, new SecureRandom());
          walk(keys, batch -> {
            batch.forEach(sample::offer);
            return new Tally();
          }, "scanned", start);
          tally = compareInBatches(sample.keys(), comparison);
          compared = sample.keys().size();
        } else {
          KeyWalk.Result result = walk(keys, comparison, "compared", start);
          tally = result.run();
          compared = result.keys();
          Optional<RespStore> target = sides.resp(Side.NEW, walk.timeout);
          if (target.isPresent() && !target.get().cluster()) {
            String targetPattern = WalkOptions.escapeGlob(target.get().keyPrefix())
                + pattern.substring(WalkOptions.escapeGlob(source.keyPrefix()).length());
            tally.merge(walk(new RespKeySource(target.get(), targetPattern),
                new ExtraKeys(target.get(), source), "checked in the target", start).run());
            extraChecked = true;
          }
        }
      } catch (SwitchbackException e) {
        throw new CommandFailure(ExitCodes.UNAVAILABLE, e.getMessage(), e);
      }
      report(start, tally, compared, Duration.ofNanos(System.nanoTime() - started),
          extraChecked);
      long problems = tally.count(Outcome.MISSING) + tally.count(Outcome.DIFFERENT)
          + tally.count(Outcome.EXTRA) + tally.count(Outcome.FAILED);
      return problems > 0 ? ExitCodes.DIFFERENCES : ExitCodes.OK;
    }
  }

  private KeyWalk.Batches comparison(Sides sides, RespStore source) {
    if (capability == Capability.CACHE) {
      return KeyedComparison.cache(sides.backend(Side.OLD, Cache.class),
          sides.backend(Side.NEW, Cache.class), source.keyPrefix(), verify.ttlTolerance,
          walk.timeout);
    }
    return KeyedComparison.sessions(sides.backend(Side.OLD, SessionStore.class),
        sides.backend(Side.NEW, SessionStore.class), source.keyPrefix(), verify.ttlTolerance,
        walk.timeout);
  }

  private KeyWalk.Result walk(RespKeySource keys, KeyWalk.Batches handler, String verb,
      WalkState start) throws InterruptedException {
    Progress progress = walk.progress(err, verb, keys.size());
    try {
      return KeyWalk.builder(keys, handler).batch(walk.batch).rateLimit(walk.rateLimiter())
          .progress(progress).build().run(start);
    } finally {
      progress.finish();
    }
  }

  private Tally compareInBatches(List<String> keys, KeyWalk.Batches comparison)
      throws InterruptedException {
    Tally tally = new Tally();
    Optional<RateLimiter> limiter = walk.rateLimiter();
    for (int i = 0; i < keys.size(); i += walk.batch) {
      List<String> batch = keys.subList(i, Math.min(keys.size(), i + walk.batch));
      if (limiter.isPresent()) {
        limiter.get().acquire(batch.size());
      }
      tally.merge(comparison.handle(batch));
    }
    return tally;
  }

  private void report(WalkState start, Tally tally, long compared, Duration elapsed,
      boolean extraChecked) {
    Summary summary = new Summary(out);
    summary.title(start.describe() + (verify.sample != null
        ? ", a random sample of " + verify.sample : ", every key"));
    summary.count("compared", compared);
    summary.count("same", tally.count(Outcome.SAME));
    summary.count("missing in target", tally.count(Outcome.MISSING));
    summary.count("different", tally.count(Outcome.DIFFERENT));
    summary.line("only in target", extraChecked
        ? String.format(Locale.ROOT, "%,d", tally.count(Outcome.EXTRA))
        : "not checked" + (verify.sample != null ? " with --sample"
            : " (target not a single Redis node)"));
    summary.count("gone from source", tally.count(Outcome.EXPIRED));
    summary.count("failed", tally.count(Outcome.FAILED));
    summary.timing(compared, elapsed);
    summary.examples(tally, Outcome.MISSING, "first missing keys");
    summary.examples(tally, Outcome.DIFFERENT, "first different keys");
    summary.examples(tally, Outcome.EXTRA, "first keys only in target");
    summary.examples(tally, Outcome.FAILED, "first failed keys");
    summary.errors(tally);
    summary.flush();
  }
}
