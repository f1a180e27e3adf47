package dev.switchback.cli.resp;

import static java.util.Objects.requireNonNull;

import dev.switchback.cli.copy.Batch;
import dev.switchback.cli.walk.KeyWalk;
import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Tally;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the keys of the target the source does not have: for a batch of the target's keys, a
 * pipelined {@code EXISTS} of each (renamed to the source's prefix) on the source, counting
 * {@link Outcome#EXTRA} for those absent. Keys present on both are not counted.
 */
public final class ExtraKeys implements KeyWalk.Batches {
  private final RespStore target;
  private final RespStore source;

  /** Checks keys of {@code target} against {@code source}. */
  public ExtraKeys(RespStore target, RespStore source) {
    this.target = requireNonNull(target, "target");
    this.source = requireNonNull(source, "source");
  }

  @Override
  public Tally handle(List<String> keys) {
    List<CompletableFuture<Long>> exists = new ArrayList<>(keys.size());
    for (String key : keys) {
      exists.add(source.commands().exists(source.translate(key, target.keyPrefix()))
          .toCompletableFuture());
    }
    source.awaitAll(exists, "EXISTS of " + keys.size() + " keys");
    Tally tally = new Tally();
    for (int i = 0; i < keys.size(); i++) {
      CompletableFuture<Long> found = exists.get(i);
      if (found.isCompletedExceptionally()) {
        tally.fail(keys.get(i), source.label() + ": " + Batch.reason(found));
      } else if (found.join() == 0) {
        tally.add(Outcome.EXTRA, keys.get(i));
      }
    }
    return tally;
  }
}
