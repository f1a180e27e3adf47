package dev.switchback.cli.walk;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Walks a {@link KeySource} page by page from a saved {@link WalkState}, hands each page's keys
 * to a {@link Batches} handler, and saves the state every {@link Builder#checkpointEvery} keys
 * and at the end.
 *
 * <p>A saved state always stands at a page boundary: its cursor and counts cover only pages
 * handled completely. A walk stopped inside a page (by {@link Builder#limit}, a stop request or a
 * crash) resumes at the start of that page, so its keys are handled again; handlers are
 * idempotent (a copy writes the source's value again), which makes this safe.
 *
 * <p>Not thread safe: one walk runs on one thread.
 */
public final class KeyWalk {

  /** Handles the keys of one page and says what happened to each. */
  @FunctionalInterface
  public interface Batches {
    /**
     * Handles {@code keys}, blocking until done, and returns one outcome per key.
     *
     * @throws dev.switchback.SwitchbackException when a whole batch cannot be handled
     */
    Tally handle(List<String> keys);
  }

  /**
   * What a run did.
   *
   * @param state the state saved last: at the end when finished, else the last page boundary
   * @param run the outcomes of this run, including a page it stopped inside
   * @param keys how many keys this run handled
   * @param elapsed how long this run took
   * @param stopped whether it stopped before the scan completed (limit or stop request)
   */
  public record Result(WalkState state, Tally run, long keys, Duration elapsed, boolean stopped) {}

  /** The default number of keys asked for per page: 500. */
  public static final int DEFAULT_BATCH = 500;

  /** The default number of keys between two saved states: 10,000. */
  public static final long DEFAULT_CHECKPOINT_EVERY = 10_000;

  private final KeySource source;
  private final Batches handler;
  private final int batch;
  private final @Nullable RateLimiter rateLimiter;
  private final long limit;
  private final long checkpointEvery;
  private final Consumer<WalkState> checkpoints;
  private final @Nullable Progress progress;
  private final BooleanSupplier stopRequested;

  private KeyWalk(Builder b) {
    this.source = b.source;
    this.handler = b.handler;
    this.batch = b.batch;
    this.rateLimiter = b.rateLimiter;
    this.limit = b.limit;
    this.checkpointEvery = b.checkpointEvery;
    this.checkpoints = b.checkpoints;
    this.progress = b.progress;
    this.stopRequested = b.stopRequested;
  }

  /** A walk of {@code source} handing pages to {@code handler}. */
  public static Builder builder(KeySource source, Batches handler) {
    return new Builder(source, handler);
  }

  /**
   * Runs from {@code from} until the scan completes, the limit is reached or a stop is
   * requested. A finished state starts over from the beginning.
   *
   * @throws dev.switchback.SwitchbackException when the source cannot be scanned or a batch fails
   *     as a whole; the last saved state stays valid to resume from
   * @throws InterruptedException when interrupted while rate limited
   */
  public Result run(WalkState from) throws InterruptedException {
    requireNonNull(from, "from");
    WalkState saved = from.finished()
        ? WalkState.start(from.operation(), from.source(), from.target(), from.pattern())
        : from;
    long started = System.nanoTime();
    Tally run = new Tally();
    long handled = 0;
    long sinceCheckpoint = 0;
    String cursor = saved.cursor();
    Tally total = saved.tally().copy();
    long totalKeys = saved.keys();
    boolean stopped = false;
    try {
      while (true) {
        if (stopRequested.getAsBoolean()) {
          stopped = true;
          break;
        }
        ScanPage page = source.page(cursor, batch);
        List<String> keys = page.keys();
        long room = limit - handled;
        boolean cut = keys.size() > room;
        if (cut) {
          keys = keys.subList(0, (int) room);
        }
        if (!keys.isEmpty()) {
          if (rateLimiter != null) {
            rateLimiter.acquire(keys.size());
          }
          Tally outcomes = handler.handle(keys);
          run.merge(outcomes);
          total.merge(outcomes);
          handled += keys.size();
          sinceCheckpoint += keys.size();
          totalKeys += keys.size();
          if (progress != null) {
            progress.update(handled, run.count(Outcome.FAILED));
          }
        }
        if (cut) {
          stopped = true; // the page's remaining keys are left for the resumed walk
          break;
        }
        cursor = page.cursor();
        if (page.last()) {
          saved = saved.at(cursor, true, totalKeys, total);
          checkpoints.accept(saved);
          return new Result(saved, run, handled, elapsed(started), false);
        }
        saved = saved.at(cursor, false, totalKeys, total);
        if (sinceCheckpoint >= checkpointEvery) {
          checkpoints.accept(saved);
          sinceCheckpoint = 0;
        }
        if (handled >= limit) {
          stopped = true;
          break;
        }
      }
    } catch (RuntimeException e) {
      checkpoints.accept(saved); // the last page boundary: a resume repeats only this page
      throw e;
    }
    checkpoints.accept(saved);
    return new Result(saved, run, handled, elapsed(started), stopped);
  }

  private static Duration elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** Builds a {@link KeyWalk}. */
  public static final class Builder {
    private final KeySource source;
    private final Batches handler;
    private int batch = DEFAULT_BATCH;
    private @Nullable RateLimiter rateLimiter;
    private long limit = Long.MAX_VALUE;
    private long checkpointEvery = DEFAULT_CHECKPOINT_EVERY;
    private Consumer<WalkState> checkpoints = state -> {};
    private @Nullable Progress progress;
    private BooleanSupplier stopRequested = () -> false;

    private Builder(KeySource source, Batches handler) {
      this.source = requireNonNull(source, "source");
      this.handler = requireNonNull(handler, "handler");
    }

    /** Keys asked for per page (the {@code SCAN} count hint); default {@value #DEFAULT_BATCH}. */
    public Builder batch(int batch) {
      if (batch < 1) {
        throw new IllegalArgumentException("batch must be at least 1: " + batch);
      }
      this.batch = batch;
      return this;
    }

    /** The rate limit, if any; none by default. */
    public Builder rateLimit(Optional<RateLimiter> rateLimiter) {
      this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter").orElse(null);
      return this;
    }

    /** Stop after this many keys in this run, possibly inside a page; unlimited by default. */
    public Builder limit(long limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must not be negative: " + limit);
      }
      this.limit = limit;
      return this;
    }

    /** Keys between two saved states; default {@value #DEFAULT_CHECKPOINT_EVERY}. */
    public Builder checkpointEvery(long keys) {
      if (keys < 1) {
        throw new IllegalArgumentException("checkpointEvery must be at least 1: " + keys);
      }
      this.checkpointEvery = keys;
      return this;
    }

    /** Where saved states go, such as {@link WalkState#write}; nowhere by default. */
    public Builder checkpoints(Consumer<WalkState> checkpoints) {
      this.checkpoints = requireNonNull(checkpoints, "checkpoints");
      return this;
    }

    /** The progress line to update after every page; none by default. */
    public Builder progress(Progress progress) {
      this.progress = requireNonNull(progress, "progress");
      return this;
    }

    /** Asked before every page; the walk stops at that page boundary when it says yes. */
    public Builder stopRequested(BooleanSupplier stopRequested) {
      this.stopRequested = requireNonNull(stopRequested, "stopRequested");
      return this;
    }

    /** The walk. */
    public KeyWalk build() {
      return new KeyWalk(this);
    }
  }
}
