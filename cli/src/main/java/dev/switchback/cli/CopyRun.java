package dev.switchback.cli;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.SwitchbackException;
import dev.switchback.cache.Cache;
import dev.switchback.cli.copy.KeyedCopy;
import dev.switchback.cli.resp.DumpRestoreCopy;
import dev.switchback.cli.resp.RespKeySource;
import dev.switchback.cli.resp.RespStore;
import dev.switchback.cli.walk.KeyWalk;
import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Progress;
import dev.switchback.cli.walk.Tally;
import dev.switchback.cli.walk.WalkState;
import dev.switchback.migration.Side;
import dev.switchback.sessions.spi.SessionStore;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code copy}: from the source's keys (by {@code SCAN}) to the target, by {@code
 * DUMP}/{@code RESTORE} when both speak the Redis protocol, else through the capability's
 * interface; saving its cursor to the state file so {@code --resume} continues it.
 */
final class CopyRun {
  private final Capability capability;
  private final ConfigOptions config;
  private final WalkOptions walk;
  private final CopyOptions copy;
  private final PrintWriter out;
  private final PrintWriter err;

  CopyRun(Capability capability, ConfigOptions config, WalkOptions walk, CopyOptions copy,
      PrintWriter out, PrintWriter err) {
    this.capability = requireNonNull(capability, "capability");
    this.config = requireNonNull(config, "config");
    this.walk = requireNonNull(walk, "walk");
    this.copy = requireNonNull(copy, "copy");
    this.out = requireNonNull(out, "out");
    this.err = requireNonNull(err, "err");
  }

  int run() throws InterruptedException {
    walk.check();
    copy.check();
    try (Sides sides = Sides.open(capability, config.properties())) {
      RespStore source = sides.scannableSource("copy", walk.timeout);
      String pattern = walk.pattern(source.keyPrefix());
      Optional<RespStore> targetResp = sides.resp(Side.NEW, walk.timeout);
      boolean overwrite = !copy.noOverwrite;
      KeyWalk.Batches handler;
      String method;
      if (targetResp.isPresent()) {
        handler = new DumpRestoreCopy(source, targetResp.get(), overwrite);
        method = "DUMP/RESTORE, byte-exact";
      } else if (capability == Capability.CACHE) {
        handler = KeyedCopy.cache(sides.backend(Side.OLD, Cache.class),
            sides.backend(Side.NEW, Cache.class), source.keyPrefix(), overwrite, walk.timeout,
            Clock.systemUTC());
        method = "read and written through the Cache interface";
      } else {
        handler = KeyedCopy.sessions(sides.backend(Side.OLD, SessionStore.class),
            sides.backend(Side.NEW, SessionStore.class), source.keyPrefix(), overwrite,
            walk.timeout, Clock.systemUTC());
        method = "read and replicated through the session store interface";
      }
      Path file = copy.stateFile(capability.key());
      WalkState from = startingState(file, WalkState.start("copy " + capability.key(),
          sides.name(Side.OLD), sides.name(Side.NEW), pattern));
      if (from.finished()) {
        out.println(from.describe() + ": the copy saved in " + file
            + " has finished; run without --resume to copy again");
        return ExitCodes.OK;
      }
      RespKeySource keys = new RespKeySource(source, pattern);
      OptionalLong size = keys.size();
      Progress progress = walk.progress(err, "copied",
          size.isPresent() ? OptionalLong.of(Math.max(0, size.getAsLong() - from.keys()))
              : size);
      KeyWalk.Result result;
      try (StopOnSignal stop = StopOnSignal.install()) {
        result = KeyWalk.builder(keys, handler)
            .batch(walk.batch)
            .rateLimit(walk.rateLimiter())
            .limit(copy.limit == null ? Long.MAX_VALUE : copy.limit)
            .checkpointEvery(copy.checkpointEvery)
            .checkpoints(state -> state.write(file))
            .progress(progress)
            .stopRequested(stop::requested)
            .build()
            .run(from);
      } catch (SwitchbackException | UncheckedIOException e) {
        throw new CommandFailure(ExitCodes.UNAVAILABLE, e.getMessage()
            + "\nthe state file " + file + " holds the last checkpoint; continue with --resume", e);
      } finally {
        progress.finish();
      }
      report(result, method, file);
      return result.state().tally().count(Outcome.FAILED) > 0 ? ExitCodes.DIFFERENCES
          : ExitCodes.OK;
    }
  }

  private WalkState startingState(Path file, WalkState fresh) {
    Optional<WalkState> saved;
    try {
      saved = WalkState.read(file);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
    }
    if (!copy.resume) {
      saved.filter(s -> !s.finished()).ifPresent(s -> err.println("starting over: the"
          + " unfinished copy saved in " + file + " is replaced (--resume continues it)"));
      return fresh;
    }
    WalkState state = saved.orElseThrow(() -> new CommandFailure(ExitCodes.USAGE,
        "--resume: there is no state file " + file + "; run without --resume to start a copy"));
    if (!state.sameRun(fresh)) {
      throw new CommandFailure(ExitCodes.USAGE, "--resume: the state file " + file + " is for "
          + state.describe() + ", not " + fresh.describe());
    }
    return state;
  }

  private void report(KeyWalk.Result result, String method, Path file) {
    WalkState state = result.state();
    Tally total = state.tally();
    Summary summary = new Summary(out);
    summary.title(state.describe() + ", " + method);
    summary.count("copied", total.count(Outcome.COPIED));
    summary.count("skipped, expired", total.count(Outcome.EXPIRED));
    if (copy.noOverwrite) {
      summary.count("kept, already there", total.count(Outcome.KEPT));
    }
    summary.count("failed", total.count(Outcome.FAILED));
    summary.count("keys this run", result.keys());
    summary.timing(result.keys(), result.elapsed());
    summary.examples(result.run(), Outcome.FAILED, "first failed keys");
    summary.errors(result.run());
    summary.line("state", file + (state.finished() ? " (finished)"
        : " (stopped; continue with --resume)"));
    summary.flush();
  }
}
